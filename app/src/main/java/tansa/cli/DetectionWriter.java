package tansa.cli;

import tansa.sigma.Detection;

import java.util.List;

/** Writes the sorted detections of a hunt in one output format. */
interface DetectionWriter {
    void write(List<Detection> detections);
}
