/* A slow disk for bench/commits.py (BENCH_FSYNC_DELAY_MS): loaded with LD_PRELOAD, it holds
 * every fsync and fdatasync BENCH_SLOWSYNC_US microseconds longer after the real call returns,
 * as on a disk that takes that long to make a write durable, and appends one byte per call to
 * BENCH_SLOWSYNC_LOG (its size is the count). Unlike a tracer (strace's fault injection), it
 * stops nothing else: the program runs as it would on such a disk.
 * Built by commits.py: gcc -O2 -shared -fPIC -o slowsync.so slowsync.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long delay_us;
static int log_fd = -1;

__attribute__((constructor)) static void init(void) {
    const char *us = getenv("BENCH_SLOWSYNC_US");
    const char *log = getenv("BENCH_SLOWSYNC_LOG");
    delay_us = us ? atol(us) : 0;
    if (log) log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

static void held(void) {
    if (delay_us > 0) {
        struct timespec t = {delay_us / 1000000, (delay_us % 1000000) * 1000};
        while (nanosleep(&t, &t) != 0) {
        }
    }
    if (log_fd >= 0) (void)!write(log_fd, ".", 1);
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int r = real(fd);
    held();
    return r;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int r = real(fd);
    held();
    return r;
}
