#!/usr/bin/env python3
"""Large-input measurements for `kinchain` (issue #12, README "Limits").

Generates, in a scratch folder (default /tmp/kinchain-large), the three inputs of the issue
from OpenSim's subject01 walk (../shared/data) and measures wall time and peak resident memory
of the command each one is used with, through `/usr/bin/time -v`:

  grf   subject01_walk1.trc (2.5 s) + a ~200 MB ground-reaction .mot covering 229 s
        -> kinchain analyze TRIAL.trc --grf GRF.mot -o DIR
  trc   a ~200 MB TRC (the subject01 walk repeated)        -> kinchain info BIG.trc
  osim  a 10,000-body chain model (PinJoints, one marker each) -> kinchain model info M.osim

Nothing generated is meant to be committed. Usage:

  python3 bench/large_inputs.py [--binary build/release/kinchain] [--dir /tmp/kinchain-large]
                                [--only grf,trc,osim] [--keep]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
WALK = os.path.join(SHARED, "opensim-core", "subject01_walk1_experimental")

TARGET_BYTES = 200 * 1000 * 1000  # the "200 MB"
GRF_SECONDS = 229.0               # the force file spans 229 s
GRF_RATE = 2700.0                 # Hz: a multiple of the 60 Hz markers; ~200 MB over 229 s
OSIM_BODIES = 10000               # the 10,000-body model


def read_sto_rows(path):
    with open(path) as stream:
        lines = stream.read().splitlines()
    end = next(i for i, line in enumerate(lines) if line.strip() == "endheader")
    labels = lines[end + 1].split("\t")
    labels = [label for label in labels if label.strip()]
    rows = []
    for line in lines[end + 2:]:
        fields = [f for f in line.split("\t") if f.strip()]
        if fields:
            rows.append([float(f) for f in fields])
    return labels, rows


def write_grf(path):
    """The subject01 GRF (600 Hz, 0-2.5 s) resampled linearly to GRF_RATE and repeated
    periodically up to GRF_SECONDS, written at full double precision."""
    labels, rows = read_sto_rows(os.path.join(WALK, "subject01_walk1_grf.mot"))
    period = rows[-1][0] - rows[0][0]
    count = int(round(GRF_SECONDS * GRF_RATE)) + 1
    source_times = [row[0] for row in rows]
    with open(path, "w") as out:
        out.write("large_grf.mot\nversion=1\nnRows=%d\nnColumns=%d\ninDegrees=yes\nendheader\n"
                  % (count, len(labels)))
        out.write("\t".join(labels) + "\n")
        j = 0
        for i in range(count):
            t = i / GRF_RATE
            local = t % period
            if local < source_times[j]:
                j = 0
            while j + 1 < len(rows) - 1 and source_times[j + 1] <= local:
                j += 1
            a, b = rows[j], rows[j + 1]
            w = (local - a[0]) / (b[0] - a[0])
            values = [repr(t)] + [repr(a[k] + w * (b[k] - a[k]) + 1e-13 * i)
                                  for k in range(1, len(labels))]
            out.write("\t".join(values) + "\n")


def write_big_trc(path):
    """subject01_walk1.trc's frames repeated (time and frame number continued) to ~200 MB."""
    with open(os.path.join(WALK, "subject01_walk1.trc")) as stream:
        lines = stream.read().splitlines()
    header = lines[:5]
    data = [line for line in lines[6:] if line.strip()]
    rate = 60.0
    row_bytes = sum(len(line) + 1 for line in data) / len(data)
    frames = int(TARGET_BYTES / row_bytes)
    keys = header[1].split("\t")
    values = header[2].split("\t")
    values[keys.index("NumFrames")] = str(frames)
    values[keys.index("OrigNumFrames")] = str(frames)
    with open(path, "w") as out:
        out.write("\n".join([header[0], header[1], "\t".join(values), header[3], header[4], ""]))
        out.write("\n")
        for frame in range(frames):
            fields = data[frame % len(data)].split("\t")
            fields[0] = str(frame + 1)
            fields[1] = "%.6f" % (frame / rate)
            out.write("\t".join(fields) + "\n")


def write_osim(path):
    """A 4.x model: a chain of OSIM_BODIES bodies, each on a PinJoint to the previous one, with
    one marker per body (mass 0.05 kg each: 500 kg in all, below the reader's 635 kg limit)."""
    with open(path, "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n'
                  '<OpenSimDocument Version="40000">\n<Model name="chain">\n'
                  '<gravity>0 -9.8066 0</gravity>\n'
                  '<length_units>meters</length_units>\n<force_units>N</force_units>\n'
                  '<BodySet name="bodyset">\n<objects>\n')
        for i in range(OSIM_BODIES):
            out.write('<Body name="b%d">\n<mass>0.05</mass>\n<mass_center>0 0.01 0</mass_center>\n'
                      '<inertia>1e-5 1e-5 1e-5 0 0 0</inertia>\n</Body>\n' % i)
        out.write('</objects>\n</BodySet>\n<JointSet name="jointset">\n<objects>\n')
        for i in range(OSIM_BODIES):
            parent = "/ground" if i == 0 else "/bodyset/b%d" % (i - 1)
            out.write('<PinJoint name="j%d">\n<socket_parent_frame>p</socket_parent_frame>\n'
                      '<socket_child_frame>c</socket_child_frame>\n<coordinates>\n'
                      '<Coordinate name="q%d">\n<default_value>0</default_value>\n'
                      '<range>-1.5 1.5</range>\n</Coordinate>\n</coordinates>\n<frames>\n'
                      '<PhysicalOffsetFrame name="p">\n<socket_parent>%s</socket_parent>\n'
                      '<translation>0 0.02 0</translation>\n<orientation>0 0 0</orientation>\n'
                      '</PhysicalOffsetFrame>\n<PhysicalOffsetFrame name="c">\n'
                      '<socket_parent>/bodyset/b%d</socket_parent>\n'
                      '<translation>0 0 0</translation>\n<orientation>0 0 0</orientation>\n'
                      '</PhysicalOffsetFrame>\n</frames>\n</PinJoint>\n' % (i, i, parent, i))
        out.write('</objects>\n</JointSet>\n<MarkerSet name="markerset">\n<objects>\n')
        for i in range(OSIM_BODIES):
            out.write('<Marker name="m%d">\n<socket_parent_frame>/bodyset/b%d</socket_parent_frame>'
                      '\n<location>0.01 0 0</location>\n</Marker>\n' % (i, i))
        out.write('</objects>\n</MarkerSet>\n</Model>\n</OpenSimDocument>\n')


def measure(name, command):
    """Runs `command` under /usr/bin/time -v; prints exit status, wall time and peak RSS."""
    start = time.monotonic()
    run = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    peak_mb = int(peak.group(1)) / 1024.0 if peak else float("nan")
    stderr = "\n".join(line for line in run.stderr.splitlines()
                       if not line.startswith("\t") and "Command" not in line)
    print("%-5s exit %d  wall %7.2f s  peak RSS %8.1f MB" % (name, run.returncode, wall, peak_mb))
    for line in stderr.splitlines():
        if "warning" in line.lower() or "error" in line.lower():
            print("      " + line[:300])
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(HERE, "..", "build", "release", "kinchain"))
    parser.add_argument("--dir", default="/tmp/kinchain-large")
    parser.add_argument("--only", default="grf,trc,osim")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    arguments = parser.parse_args()
    cases = arguments.only.split(",")
    os.makedirs(arguments.dir, exist_ok=True)
    grf = os.path.join(arguments.dir, "large_grf.mot")
    trc = os.path.join(arguments.dir, "large_markers.trc")
    osim = os.path.join(arguments.dir, "large_chain.osim")
    generators = {"grf": (grf, write_grf), "trc": (trc, write_big_trc), "osim": (osim, write_osim)}
    for case in cases:
        path, generate = generators[case]
        if not os.path.exists(path):
            generate(path)
        print("%-5s %s: %.1f MB" % (case, path, os.path.getsize(path) / 1e6))
    binary = os.path.abspath(arguments.binary)
    if "grf" in cases:
        out = os.path.join(arguments.dir, "analyze-out")
        measure("grf", [binary, "analyze", os.path.join(WALK, "subject01_walk1.trc"),
                        "--grf", grf, "--mass", "72.6", "-o", out, "--quiet"])
    if "trc" in cases:
        measure("trc", [binary, "info", trc])
    if "osim" in cases:
        measure("osim", [binary, "model", "info", osim])
    if not arguments.keep:
        shutil.rmtree(arguments.dir)


if __name__ == "__main__":
    main()
