package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer in RFC 9457 problem details form ({@code application/problem+json}).
 *
 * @param type a URI that names the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request, naming the field or value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

  /** The media type of a problem answer. */
  public static final String MEDIA_TYPE = "application/problem+json";
}
