/**
 * The vtstatus simulator in a user's JUnit 5 tests: {@link dev.vtstatus.junit.VtStatusServerExtension}
 * starts a real server on a free loopback port per class or per test, and {@link
 * dev.vtstatus.junit.VtStatusServer} hands out clients and forces jobs, faults and resets at run time.
 */
package dev.vtstatus.junit;
