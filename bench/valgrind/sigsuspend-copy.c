/*
 * Preloaded into `chancery serve` under valgrind (bench/callgrind-requests.sh).
 *
 * Valgrind 3.19 sanitises the signal mask a program hands to sigsuspend(2) by writing into it,
 * and libdispatch's signal thread passes a mask that lives in read-only memory: valgrind's core
 * then faults ("the 'impossible' happened", SIGSEGV) under every tool. Handing the kernel a copy
 * on the stack changes nothing for the program and gives valgrind memory it may write.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
