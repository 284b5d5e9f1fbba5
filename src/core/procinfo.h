/* Facts about processes on this machine, read from /proc where there is
 * one: who runs them, since when, and on which boot of which host. */
#ifndef CHECKSHEET_PROCINFO_H
#define CHECKSHEET_PROCINFO_H

#include <stdbool.h>
#include <time.h>

/* The start of process pid in clock ticks after boot (field 22 of
 * /proc/PID/stat, which stays the same for the life of the process and
 * differs for a later process given the same pid) and its state letter
 * ('Z' a zombie); state may be NULL. False when there is no such process
 * or no /proc. */
bool proc_start_ticks(long pid, unsigned long long *ticks, char *state);

/* When this process started, as wall-clock time (rounded down to a clock
 * tick: never later than the true start). False without /proc. */
bool proc_self_start_time(struct timespec *out);

/* This boot's random id (/proc/sys/kernel/random/boot_id), NULL when
 * unknown; the caller frees. Two different ids: the machine rebooted. */
char *proc_boot_id(void);

/* The host name, never NULL; the caller frees. */
char *proc_host_name(void);

/* The effective user's login name, or the uid as a number; the caller
 * frees. */
char *proc_user_name(void);

#endif
