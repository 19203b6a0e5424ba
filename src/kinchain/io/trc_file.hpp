#pragma once
// Marker trajectories in the TRC text format (Motion Analysis Corp.; read and written by
// OpenSim's TRCFileAdapter):
//
//   PathFileType  4  (X/Y/Z)  <file name>
//   DataRate  CameraRate  NumFrames  NumMarkers  Units  OrigDataRate  OrigDataStartFrame
//   OrigNumFrames <values of those keys> Frame#  Time  <marker 1>  <marker 2> ...        (labels
//   separated by one or more tabs)
//           X1  Y1  Z1  X2  Y2  Z2 ...
//   <optional blank line(s)>
//   1  0.000  x1 y1 z1  x2 y2 z2 ...                (one row per frame)
//
// The returned table has one Vector3 column per marker, labelled with the marker name, in file
// order; every column's unit is the file's Units value ("mm", "m", ...), values are in that unit
// and time is in seconds.
//
// Metadata: every key of line 2 with its value from line 3 (as text, e.g. DataRate "60.00",
// CameraRate, NumFrames, NumMarkers, Units, OrigDataRate, OrigDataStartFrame, OrigNumFrames);
// "PathFileType" (the number after it on line 1) and "SourceFileName" (the rest of line 1);
// "FirstFrame" (the frame number of the first row, as text). Frame numbers are not a column:
// rows are taken to be consecutive frames from FirstFrame, as every TRC writer produces them,
// and writeTrc numbers rows from FirstFrame again; a file whose frame numbers skip is still
// read (time, not the frame number, places a row).
//
// Reading rules (those of OpenSim's TRCFileAdapter::extendRead, with the leniencies noted):
// - Line 1 is split at spaces, tabs and CR alike; its first token must be PathFileType (any
//   case). "PathFileType  4\t(X/Y/Z) C:\\data\\walk 1.trc" (two spaces, a file name with
//   spaces) reads; SourceFileName is the rest of the line after the third token, up to any
//   padding tab.
// - Lines 2 and 3: keys and values pair up by position; empty fields from doubled or trailing
//   tabs are ignored. The keys must be exactly OpenSim's eight (DataRate, CameraRate,
//   NumFrames, NumMarkers, Units, OrigDataRate, OrigDataStartFrame, OrigNumFrames), each once;
//   an unknown, repeated or missing key is an error (OpenSim also fixes their order; here any
//   order reads). DataRate (and CameraRate, OrigDataRate) must be positive numbers; NumFrames
//   and NumMarkers whole numbers.
// - Line 4 must start with "Frame#" and "Time" and name exactly NumMarkers markers, each name
//   once (a repeated name is an error naming both markers and their columns); line 5 must hold
//   3 x NumMarkers coordinate labels whose letters run X, Y, Z for every marker (the numbers
//   after the letters are not checked).
// - Every data row has a frame number, a time and 3 x NumMarkers coordinates (extra empty
//   fields from trailing tabs are ignored). A coordinate is a number (decimal or e-notation) or
//   a NaN spelling (NaN, nan, NAN, ...). A marker with any blank or NaN coordinate is missing in
//   that frame (an occluded marker): all three of its values are NaN. An infinite coordinate
//   is an error.
// - The number of rows must equal NumFrames (a truncated file is an error, not a short table).
// - Time must be finite (a NaN time is an error) and must not decrease.
// - Lines may end in CRLF; whitespace-only lines (also the tab-filled ones some writers emit)
//   are skipped.
// Errors: kinchain::InputError(source, "line N" or "line N (marker 'RASI' y)", reason). Memory
// use is bounded by the text's size; header counts are never used to allocate. readTrc reads
// the file a chunk at a time (never a whole-file copy) and stores the values once, straight into
// the table.

#include "kinchain/io/time_series_table.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace kinchain::io {

TimeSeriesTable readTrc(const std::filesystem::path& path);

/// Parses the text of a .trc file; `sourceName` names the input in errors.
TimeSeriesTable parseTrc(std::string_view text, const std::string& sourceName);

/// Writes marker trajectories as TRC, the layout OpenSim's TRCFileAdapter writes:
/// line 1 "PathFileType 4 (X/Y/Z) <file name of path>"; line 3 values from metadata when set
/// (DataRate, CameraRate, Units, OrigDataRate, OrigDataStartFrame, OrigNumFrames), otherwise
/// DataRate from the time stamps ((rows-1)/(last-first), needs >= 2 rows), CameraRate and
/// OrigDataRate = DataRate, OrigDataStartFrame = FirstFrame (default 1), OrigNumFrames = rows;
/// NumFrames and NumMarkers always from the table. Units: the columns' common unit, else
/// metadata "Units". Frame numbers count from metadata FirstFrame (default 1). Numbers use the
/// shortest text that reads back to the same double; NaN is written "NaN". Tab separated, LF.
/// Throws std::invalid_argument when a column is not a Vector3, a label is empty or holds a
/// tab or line break, columns disagree on their unit (or with metadata Units), no unit is known,
/// or no data rate can be found; std::runtime_error when the file cannot be written.
void writeTrc(const TimeSeriesTable& markers, const std::filesystem::path& path);

/// The text writeTrc would write; `fileName` goes on line 1.
std::string formatTrc(const TimeSeriesTable& markers, const std::string& fileName);

}  // namespace kinchain::io
