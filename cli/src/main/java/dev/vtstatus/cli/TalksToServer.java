package dev.vtstatus.cli;

/** A command that talks to a server; its URL goes into error messages. */
interface TalksToServer {
  /** Returns the base URL the command talks to, or null when it is not known yet. */
  String serverUrl();
}
