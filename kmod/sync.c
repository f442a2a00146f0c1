// SPDX-License-Identifier: GPL-2.0
/*
 * The batch system calls. One NIOCTXSYNC or NIOCRXSYNC moves every slot
 * user space handed over on every bound ring of that direction; poll()
 * does the same and sleeps until a ring has something for user space.
 */
#include <linux/fs.h>
#include <linux/poll.h>

#include "port.h"
#include "sync.h"

static int nm_sync_kring(struct nm_kring *kring)
{
	return kring->dir == NM_TX ? nm_kring_txsync(kring)
				   : nm_kring_rxsync(kring);
}

long nm_sync_ioctl(struct nm_priv *priv, enum nm_dir dir)
{
	struct nm_port *port = nm_priv_port(priv);
	int i, err, first_err = 0;

	if (!port)
		return -ENXIO;
	for (i = priv->first[dir]; i < priv->last[dir]; i++) {
		err = nm_sync_kring(&port->krings[dir][i]);
		if (err && !first_err)
			first_err = err;
	}
	return first_err;
}

/*
 * poll: tx rings are synced (unless NR_NO_TX_POLL) and ready when cur has
 * not reached tail; rx rings are synced and ready when packets wait. A
 * ring with nothing handed over since its last sync only has its tail
 * brought up to date. A sync that finds bad indices reports POLLERR.
 */
__poll_t nm_sync_poll(struct nm_priv *priv, struct file *file, poll_table *wait)
{
	struct nm_port *port = nm_priv_port(priv);
	__poll_t want = poll_requested_events(wait), ready = 0;
	static const __poll_t event[2] = {EPOLLOUT | EPOLLWRNORM,
					  EPOLLIN | EPOLLRDNORM};
	int d, i;

	if (!port)
		return EPOLLERR;
	for (d = NM_TX; d <= NM_RX; d++) {
		/* tx rings are pushed on every poll, as upstream does. */
		if (!(want & event[d]) && d == NM_RX)
			continue;
		for (i = priv->first[d]; i < priv->last[d]; i++) {
			struct nm_kring *kring = &port->krings[d][i];

			if (want & event[d])
				poll_wait(file, &kring->wq, wait);
			if (!(d == NM_TX && (priv->flags & NR_NO_TX_POLL)) &&
			    nm_kring_poll_sync(kring))
				ready |= EPOLLERR;
			if ((want & event[d]) && nm_kring_user_ready(kring))
				ready |= event[d];
		}
	}
	return ready;
}
