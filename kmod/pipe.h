/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netmap pipes: NAME{N is the master end and NAME}N the slave end of pipe
 * N of NAME. What one end transmits the other receives, by swapping buffer
 * indices between the rings, never by copying bytes.
 */
#ifndef NM_PIPE_H
#define NM_PIPE_H

struct nm_port;

#define NM_PIPES_PER_NAME 64

/* -ENOENT: not a pipe name. Otherwise the port, with a reference, or an
 * error. Called under nm_lock. */
int nm_pipe_lookup(const char *name, struct nm_port **port);

#endif /* NM_PIPE_H */
