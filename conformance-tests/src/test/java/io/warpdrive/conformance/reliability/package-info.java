/**
 * Reliability (issue 7), on the emulated queue backend selected in code for each test:
 * {@code DeviceFaultTest} (every fault of the fault plan at the first, a middle, the final request
 * and the first after a SYNC_FLUSH, inflate and deflate, fallback and strict, then pool
 * recovery); {@code HostileDeviceTest} and {@code StaleCqeTest} (a lying device model: consumed or
 * produced out of range, CQEs for slots never submitted, another qn, phase bits flipping);
 * {@code ConcurrencyTest} (many threads over the shared pools, hundreds of async requests in
 * flight; {@code -Dreliability.soakSeconds=N} soaks); {@code ResourceTest} (dropped instances
 * cleaned up: heap, direct memory, fds, device contexts flat over {@code -Dreliability.instances};
 * end() idempotent, use after end() as the running JDK). {@code -Plong} raises both knobs
 * (300 s soak, a million instances).
 */
package io.warpdrive.conformance.reliability;
