/**
 * Webhook delivery: POSTs each ended job to its {@code callback_url}, signed the Standard Webhooks
 * way, retrying failed attempts with a jittered exponential delay up to a bounded number of attempts.
 */
package dev.vtstatus.server.internal.webhook;
