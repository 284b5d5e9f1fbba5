/* For make bench: run a command and write what it cost.
 *   bench/rusage OUT COMMAND [ARG...]
 * runs COMMAND (its standard streams are ours), waits for it and writes
 * one line to the file OUT: "STATUS USER SYS MAXRSS", with STATUS the exit
 * code (128 + the signal when killed), USER and SYS its CPU seconds and
 * MAXRSS its peak resident set in KiB, all from wait4(). The command is
 * forked from this small process, so its peak RSS is its own (a child
 * forked straight from Python would start with Python's). Exits with
 * COMMAND's status, or 127 when it cannot run. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s OUT COMMAND [ARG...]\n", argv[0]);
		return 127;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 127;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	FILE *out = fopen(argv[1], "w");
	if (!out) {
		perror(argv[1]);
		return 127;
	}
	fprintf(out, "%d %ld.%06ld %ld.%06ld %ld\n", code, (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec,
		(long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec, ru.ru_maxrss);
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 127;
	}
	return code;
}
