package dev.vtstatus.server;

import java.time.LocalDate;

/**
 * Formats instants the protocol's way ({@code 2026-11-23T10:15:30.123Z}) without the cost of a
 * {@code DateTimeFormatter}, for the hot status path. Thread-safe.
 */
final class Instants {
  private Instants() {}

  /** Formats epoch milliseconds as RFC 3339 UTC with milliseconds. */
  static String format(long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(days);
    char[] c = new char[24];
    int year = date.getYear();
    put(c, 0, year / 100, 2);
    put(c, 2, year % 100, 2);
    c[4] = '-';
    put(c, 5, date.getMonthValue(), 2);
    c[7] = '-';
    put(c, 8, date.getDayOfMonth(), 2);
    c[10] = 'T';
    put(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    put(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    put(c, 17, secondOfDay % 60, 2);
    c[19] = '.';
    put(c, 20, millis, 3);
    c[23] = 'Z';
    return new String(c);
  }

  private static void put(char[] c, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
