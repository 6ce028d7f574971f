package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Asks the simulating server for a given duration or outcome instead of drawing them at random.
 * Either part may be null, meaning "draw it as usual".
 *
 * @param duration how long the job stays pending (wire: {@code duration_ms})
 * @param outcome {@link JobStatus#COMPLETED} or {@link JobStatus#ERROR}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Simulation(@JsonProperty("duration_ms") Duration duration, JobStatus outcome) {}
