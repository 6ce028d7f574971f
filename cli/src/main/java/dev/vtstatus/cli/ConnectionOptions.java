package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the server is and how to sign in: {@code --url} and {@code --api-key}, also read from the
 * environment. Mixed into the commands that talk to a running server. Not thread-safe.
 */
final class ConnectionOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "${VTSTATUS_URL:-http://127.0.0.1:5000}",
      description = "Base URL of the server (env VTSTATUS_URL, default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${VTSTATUS_API_KEY}",
      description = "X-Api-Key sent with every request (env VTSTATUS_API_KEY).")
  String apiKey;

  /** Returns a client builder pointed at the server, with the API key if one was given. */
  VideoTranslationClient.Builder clientBuilder() {
    return builderFor(mixee, url, apiKey);
  }

  /**
   * Returns a client builder for {@code url}, once something answers there.
   *
   * @throws ParameterException naming {@code --url} when it is not an http(s) URL
   * @throws CliFailure when nothing listens at the URL
   */
  static VideoTranslationClient.Builder builderFor(CommandSpec spec, String url, String apiKey) {
    URI uri = reachable(spec, url);
    VideoTranslationClient.Builder builder = VideoTranslationClient.builder().baseUrl(uri);
    if (apiKey != null && !apiKey.isBlank()) {
      builder.apiKey(apiKey);
    }
    return builder;
  }

  /**
   * Returns {@code url} as a URI once something answers there.
   *
   * @throws ParameterException naming {@code --url} when it is not an http(s) URL
   * @throws CliFailure when nothing listens at the URL
   */
  static URI reachable(CommandSpec spec, String url) {
    URI uri = checked(spec, url);
    Reachability.check(uri);
    return uri;
  }

  private static URI checked(CommandSpec spec, String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException bad) {
      // Reported below with the same advice as any other unusable URL.
    }
    throw new ParameterException(spec.commandLine(),
        "--url '" + url + "' is not an http:// URL; use e.g. --url http://127.0.0.1:5000");
  }
}
