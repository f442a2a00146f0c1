/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netmap pipes: NAME{N is the master end and NAME}N the slave end of pipe
 * N of NAME. What one end transmits the other receives, by swapping buffer
 * indices between the rings, never by copying bytes.
 */
#ifndef NM_PIPE_H
#define NM_PIPE_H

#include "port.h"

#define NM_PIPES_PER_NAME 64

extern const struct nm_port_kind nm_pipe_kind;

#endif /* NM_PIPE_H */
