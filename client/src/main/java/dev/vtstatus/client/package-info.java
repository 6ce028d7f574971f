/**
 * The client library's API, the only package the module exports: {@link
 * dev.vtstatus.client.VideoTranslationClient} (create jobs and wait for them), {@link
 * dev.vtstatus.client.AdminClient}, the wait strategies, the {@link dev.vtstatus.client.WaitListener}
 * seam with its metrics and audit records, webhook verification and one exception tree rooted at
 * {@link dev.vtstatus.client.VideoTranslationException}.
 */
package dev.vtstatus.client;
