package dev.vtstatus.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON conventions of the wire protocol in one configured Jackson mapper: snake_case names,
 * RFC 3339 UTC instants with milliseconds, durations as integer milliseconds.
 *
 * <p>The mapper is thread-safe once built; share it.
 */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /**
   * Returns the shared mapper. It ignores unknown properties when reading, so that a newer server
   * does not break an older client; code that must be strict reads with {@code
   * mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)}.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Formats an instant as the protocol does: {@code 2026-11-23T10:15:30.123Z}. */
  public static String formatInstant(Instant instant) {
    return formatEpochMillis(instant.toEpochMilli());
  }

  /**
   * Formats milliseconds since the epoch as the protocol does: {@code 2026-11-23T10:15:30.123Z}.
   * Years 0 to 9999. Written out by hand rather than with a {@code DateTimeFormatter} because the
   * server formats several instants per status answer on its hottest path.
   */
  public static String formatEpochMillis(long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
    char[] c = new char[24];
    putDigits(c, 0, date.getYear(), 4);
    c[4] = '-';
    putDigits(c, 5, date.getMonthValue(), 2);
    c[7] = '-';
    putDigits(c, 8, date.getDayOfMonth(), 2);
    c[10] = 'T';
    putDigits(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    putDigits(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    putDigits(c, 17, secondOfDay % 60, 2);
    c[19] = '.';
    putDigits(c, 20, millis, 3);
    c[23] = 'Z';
    return new String(c);
  }

  private static void putDigits(char[] c, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** Builds a new mapper with the protocol's conventions, for callers that want their own. */
  public static ObjectMapper newMapper() {
    SimpleModule instants = new SimpleModule("vtstatus-instants");
    instants.addSerializer(Instant.class, new InstantMillisSerializer());
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(instants)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }

  private static final class InstantMillisSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(formatInstant(value));
    }

    @Override
    public Class<Instant> handledType() {
      return Instant.class;
    }
  }
}
