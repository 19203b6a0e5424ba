#pragma once
// OpenSim storage files (.sto, .mot): a header ending in "endheader", a line of column labels
// starting with "time", then one row of numbers per time stamp.
//
// Header variants read (all found in OpenSim's own test data):
// - OpenSim 3/4 (STOFileAdapter): "key=value" lines such as DataRate=, DataType=double,
//   version=3, OpenSimVersion=, optionally preceded by free-text lines.
// - OpenSim 1 (Storage): a title line, then version=1, nRows=, nColumns=, inDegrees=yes|no and
//   free-text lines ("Units are S.I. units ...", "Angles are in degrees.").
// - SIMM motion files: "name <title>", "datacolumns N", "datarows N", "range t0 t1",
//   "otherdata 1" (keyword, space, value), often after an OpenSim 1 title line.
// Header lines may end in stray tabs; lines may end in CRLF.
//
// What goes where in the returned table:
// - every "key=value" line -> metadata (key, value), both trimmed; a later duplicate key wins;
// - a SIMM keyword line (name, datacolumns, datarows, range, otherdata, units, wrap, event,
//   enforce_loops, enforce_constraints, calc_derivatives) -> metadata (keyword, rest of line);
// - the first header line when it is neither of the above -> metadata "name" (the OpenSim 1 /
//   SIMM title line), unless a "name" keyword line follows;
// - any other line -> appended to metadata "comments" (lines joined with '\n');
// - when the header has no inDegrees line, metadata "inDegreesInferred" = "yes" or "no" records
//   the fallback used by stoIsInDegrees (see there).
// Columns are scalar, labelled as in the file, in file order, with an empty unit; time is the
// first column of the file. Values: decimal or e-notation; NaN / nan / NAN / -nan in any case
// and a blank field between tabs are NaN (missing); an infinite value (inf, -Infinity, ...) is
// an error naming the line and the column. Labels must be unique: a repeated label is an error
// naming both column numbers (1-based, time is column 1).
//
// Separators: tab-separated lines (each field trimmed of padding spaces, so fixed-width padded
// columns read fine, and trailing tabs are ignored) or, for a line without tabs, runs of spaces.
//
// Counts: the label line must have as many labels as nColumns / datacolumns say (time
// included). nRows / datarows is NOT enforced: OpenSim ignores it, and OpenSim's own
// typical_gait_curves/crouch_gait.mot says nRows=120 but holds 119 rows; the header value is kept
// in metadata and the rows in the file are the table. Every data row must have exactly one value
// per label (extra empty fields from trailing tabs are allowed).
//
// Time must be a finite number in every row (NaN is an error) and must not decrease; equal
// consecutive time stamps are kept (OpenSim's walk_subject01_Kinematics_q.sto repeats its last
// row).
//
// Errors: any malformed input throws kinchain::InputError(source, "line N" or
// "line N (column 'label')", reason). Only the text's size bounds memory use; header counts
// are never used to allocate.
//
// Memory: readSto reads the file a chunk at a time (never a whole-file copy) and stores the
// values once, straight into the table (rows bounded by a count of the file's line feeds).
// A time window (StoTimeWindow) keeps only the rows a caller needs and stops reading the file
// once they are read.

#include "kinchain/io/time_series_table.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kinchain::io {

/// Reads a .sto or .mot file. The file name (its extension) feeds stoIsInDegrees' fallback.
TimeSeriesTable readSto(const std::filesystem::path& path);

/// Parses the text of a .sto or .mot file. `sourceName` names the input in errors; when it ends
/// in ".mot" (any case) the SIMM degrees convention applies (see stoIsInDegrees).
TimeSeriesTable parseSto(std::string_view text, const std::string& sourceName);

/// The rows to keep of a storage file: those whose time t satisfies first <= t <= last, plus up
/// to `extraRows` rows just before and just after them (what a spline or a filter needs beyond
/// the times it is evaluated at). first <= last.
struct StoTimeWindow {
  double first = 0.0;         ///< s
  double last = 0.0;          ///< s
  std::size_t extraRows = 0;  ///< rows kept beyond each end of [first, last]
};

/// A windowed read: the rows kept and the time range the whole file covers.
struct WindowedStoTable {
  TimeSeriesTable table;                ///< header, columns and the rows kept
  std::optional<double> fileFirstTime;  ///< time of the file's first row (none: no rows)
  std::optional<double> fileLastTime;   ///< time of the file's last row
  bool rowsDropped = false;             ///< the file holds rows that `table` does not
};

/// Reads only the rows of `window` (header and labels are read and checked as by readSto).
/// Every row up to the last one kept is checked as by readSto; reading stops there, so rows
/// after it are not parsed, except the file's last non-blank line, whose time gives
/// fileLastTime (InputError when it is not a number). Rows before the window are parsed and
/// checked but not stored beyond the `extraRows` kept.
WindowedStoTable readSto(const std::filesystem::path& path, const StoTimeWindow& window);

/// As readSto with a window, for a text held in memory.
WindowedStoTable parseSto(std::string_view text, const std::string& sourceName,
                          const StoTimeWindow& window);

/// Writes `table` as an OpenSim storage file, readable by OpenSim 3 (Storage) and 4
/// (STOFileAdapter):
///   [name line, when metadata "name" is set]
///   nRows=<rows>, nColumns=<columns incl. time>, inDegrees=yes|no (from stoIsInDegrees),
///   every other metadata entry as key=value (header-count, version and inference keys that
///   this writer controls are not copied), DataType=double, version=3, endheader,
///   then "time<TAB>label..." and one tab-separated row per time stamp.
/// Numbers use the shortest text that reads back to the same double (std::to_chars; printf
/// "%.*g" at full round-trip precision); NaN is written "nan". A Vector3 column becomes three
/// scalar columns label_x, label_y, label_z. Lines end in LF.
/// Throws std::invalid_argument when a label is empty or holds a tab or line break, or a
/// metadata key/value would break the header; std::runtime_error when the file cannot be written.
void writeSto(const TimeSeriesTable& table, const std::filesystem::path& path);

/// The text writeSto would write.
std::string formatSto(const TimeSeriesTable& table);

/// Whether rotational values in a table read from .sto/.mot are in degrees:
/// 1. metadata "inDegrees" present: true when it is "yes" or "y" (any case), as OpenSim reads it;
/// 2. otherwise metadata "inDegreesInferred" set by the reader, which follows OpenSim's Storage
///    (Storage.cpp, parseHeaders and the .mot rule): a .mot file whose header has no version
///    (or version < 1) is a SIMM motion file, and SIMM motion files are in degrees; else, in a
///    header without a version, a line "Angles are in degrees." / "Angles are in radians."
///    decides; else radians;
/// 3. otherwise (a table not read from a storage file) false.
bool stoIsInDegrees(const TimeSeriesTable& table);

}  // namespace kinchain::io
