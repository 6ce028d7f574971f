package dev.vtstatus.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard at {@code GET /} in a real browser (Debian's Chromium driven by Playwright), against
 * a real server that needs API keys: jobs created through the API appear and end without a reload,
 * and the controls change the server. One browser for the class; a fresh server and page per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final String JOB_KEY = "job-key-1";
  private static final String ADMIN_KEY = "admin-key-1";
  /** Longest a page may take to show what the server did: events arrive within milliseconds. */
  private static final LocatorAssertions.HasTextOptions SOON =
      new LocatorAssertions.HasTextOptions().setTimeout(Duration.ofSeconds(10).toMillis());

  private Playwright playwright;
  private Browser browser;
  private JobServer server;
  private TestHttp http;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  void launchBrowser() {
    playwright = ExternalTools.playwright();
    browser = ExternalTools.chromium(playwright);
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void startServerAndPage() {
    server = JobServer.create(ServerTesting.fastConfig().host("127.0.0.1").port(0)
        .apiKeys(Set.of(JOB_KEY)).adminKey(ADMIN_KEY).build()).start();
    http = new TestHttp(server.url());
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void stopServerAndPage() {
    if (context != null) {
      context.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void asksForTheKeyOnceThenShowsJobsAndTheirEndsWithoutAReload() {
    // Given the dashboard of a server that needs a key, opened without one
    page.navigate(server.url().toString());
    assertThat(page.locator("#notice")).containsText("needs an API key",
        new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

    // When the key is entered once, and the page is reloaded
    page.fill("#api-key", ADMIN_KEY);
    page.click("#api-key-save");
    assertThat(page.locator("#connection")).hasText("live", SOON);
    page.reload();
    // Then the page still has the key
    assertThat(page.locator("#connection")).hasText("live", SOON);

    // When jobs are created through the API: one short, two that would run for a minute
    Job quick = create("{\"simulate\":{\"duration_ms\":800,\"outcome\":\"completed\"}}");
    Job slow = create("{\"simulate\":{\"duration_ms\":60000}}");
    Job other = create("{\"simulate\":{\"duration_ms\":60000}}");

    // Then each appears, pending, with its progress and estimated end
    for (Job job : List.of(quick, slow, other)) {
      assertThat(row(job).locator(".status")).hasText("pending", SOON);
    }
    assertThat(row(slow).locator(".eta")).containsText("in ~");

    // And the short one turns completed by itself, without a reload
    assertThat(row(quick).locator(".status")).hasText("completed", SOON);

    // When a long one is forced to its end from the page's button (admin route)
    row(slow).locator("button.complete").click();

    // Then the server has it completed, and so does the page; the other one still runs
    assertThat(row(slow).locator(".status")).hasText("completed", SOON);
    assertThat(job(slow).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(row(other).locator(".status")).hasText("pending");
    assertThat(page.locator("#count-completed")).hasText(
        String.valueOf(MetricsTest.sample(http.get("/metrics").body(), "vtstatus_jobs_total", "event=\"completed\"")), SOON);
  }

  @Test
  void faultControlsChangeTheServersFaultRate() {
    // Given the dashboard, signed in with the admin key, showing the configured faults
    page.navigate(server.url().toString());
    page.fill("#api-key", ADMIN_KEY);
    page.click("#api-key-save");
    assertThat(page.locator("#fault-rate")).hasValue("0", new LocatorAssertions.HasValueOptions().setTimeout(10_000));

    // When the 503 share and the added latency are changed and applied
    page.fill("#fault-rate", "0.25");
    page.fill("#fault-latency", "15");
    page.click("#faults-apply");
    assertThat(page.locator("#faults-status")).containsText("applied");

    // Then the server injects those faults
    HttpResponse<String> faults = http.get("/admin/faults", "X-Api-Key", ADMIN_KEY);
    assertThat(faults.statusCode()).isEqualTo(200);
    assertThat(TestHttp.tree(faults).get("fault_rate").asDouble()).isEqualTo(0.25);
    assertThat(TestHttp.tree(faults).get("fault_latency_ms").asLong()).isEqualTo(15);
  }

  private Locator row(Job job) {
    return page.locator("tr[data-job-id='" + job.jobId() + "']");
  }

  private Job create(String body) {
    HttpResponse<String> response = http.post("/v1/jobs", body, "X-Api-Key", JOB_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return TestHttp.job(response);
  }

  private Job job(Job job) {
    return TestHttp.job(http.get("/v1/jobs/" + job.jobId(), "X-Api-Key", JOB_KEY));
  }
}
