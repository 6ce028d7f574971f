/**
 * The wait strategies behind {@code WaitStrategy}'s factories, and the poll planning they share:
 * learned job durations and estimate noise, schedules by job age, pure logic with no I/O. Internal:
 * not exported by the module.
 */
package dev.vtstatus.client.internal.strategy;
