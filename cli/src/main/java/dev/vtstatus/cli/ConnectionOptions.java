package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the server is and how to sign in: {@code --url} and {@code --api-key}, also read from the
 * environment. {@code --url} may name several replicas of one server, separated by commas; the
 * client spreads its requests over them and sets aside one that stops answering until it answers
 * again. Mixed into the commands that
 * talk to a running server. Not thread-safe.
 */
final class ConnectionOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "${VTSTATUS_URL:-http://127.0.0.1:5000}",
      description = "Base URL of the server, or of its replicas separated by commas (env VTSTATUS_URL,"
          + " default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${VTSTATUS_API_KEY}",
      description = "X-Api-Key sent with every request (env VTSTATUS_API_KEY).")
  String apiKey;

  /** Returns a client builder pointed at the server, with the API key if one was given. */
  VideoTranslationClientBuilder clientBuilder() {
    return builderFor(mixee, url, apiKey);
  }

  /**
   * Returns a client builder for {@code urls} (one URL, or several replicas separated by commas),
   * once something answers at one of them.
   *
   * @throws ParameterException naming {@code --url} when one is not an http(s) URL or one repeats
   * @throws CliFailure when nothing listens at any of the URLs
   */
  static VideoTranslationClientBuilder builderFor(CommandSpec spec, String urls, String apiKey) {
    List<URI> uris = parse(spec, urls);
    reachable(uris);
    VideoTranslationClientBuilder builder = VideoTranslationClient.builder().baseUrls(uris);
    if (apiKey != null && !apiKey.isBlank()) {
      builder.apiKey(apiKey);
    }
    return builder;
  }

  /**
   * Returns the first of {@code urls} (one URL, or several replicas separated by commas) where
   * something answers; when none does, throws what the first one failed with.
   *
   * @throws ParameterException naming {@code --url} when one is not an http(s) URL
   * @throws CliFailure when nothing listens at any of the URLs
   */
  static URI reachable(CommandSpec spec, String urls) {
    return reachable(parse(spec, urls));
  }

  private static List<URI> parse(CommandSpec spec, String urls) {
    List<URI> uris = Arrays.stream(urls.split(",", -1)).map(String::trim).map(u -> checked(spec, u)).toList();
    if (new HashSet<>(uris).size() != uris.size()) {
      throw new ParameterException(spec.commandLine(), "--url '" + urls + "' names a URL twice");
    }
    return uris;
  }

  private static URI reachable(List<URI> uris) {
    CliFailure first = null;
    for (URI uri : uris) {
      try {
        Reachability.check(uri);
        return uri;
      } catch (CliFailure e) {
        first = first == null ? e : first;
      }
    }
    throw first;
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
