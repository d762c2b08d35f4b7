/*
 * A disk whose flushes are slow, for what-if benchmarks: preloaded into the benchmark's JVM (and so
 * into the embedded PostgreSQL it starts), it makes every fsync/fdatasync wait SLOWSYNC_US
 * microseconds (default 1000) before doing the real one. PostgreSQL's commits then wait for the
 * "disk" as on machines where a durable commit takes a millisecond or more. See benchmarks/README.md.
 *
 *   gcc -O2 -shared -fPIC -o benchmarks/target/libslowsync.so benchmarks/slow-disk/slowsync.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int (*real_fdatasync)(int);
static int (*real_fsync)(int);

static void wait_for_disk(void)
{
	const char *value = getenv("SLOWSYNC_US");
	long micros = (value != NULL) ? atol(value) : 1000;
	struct timespec pause = { micros / 1000000, (micros % 1000000) * 1000 };
	nanosleep(&pause, NULL);
}

int fdatasync(int fd)
{
	if (real_fdatasync == NULL) {
		real_fdatasync = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
	}
	wait_for_disk();
	return real_fdatasync(fd);
}

int fsync(int fd)
{
	if (real_fsync == NULL) {
		real_fsync = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
	}
	wait_for_disk();
	return real_fsync(fd);
}
