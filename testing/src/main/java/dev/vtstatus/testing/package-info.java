/**
 * Test doubles the modules' tests share, on the JDK alone: a clock that moves only when a test moves
 * it, a webhook receiver that records deliveries, and a raw HTTP server that misbehaves on purpose.
 */
package dev.vtstatus.testing;
