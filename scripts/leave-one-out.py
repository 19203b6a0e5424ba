#!/usr/bin/env python3
"""Specificity of the judging, measured (issue #14 §4): leave-one-participant-out.

For each participant of a norms manifest, a reference is built without them (`kinchain norms
build`, reusing one work folder so each trial is analysed once), then each of their trials is
analysed against that reference. Healthy people should raise no finding: the script reports,
per trial, the findings raised, the metric sides outside ± 2 SD, and the Gait Profile Score.

    python3 scripts/leave-one-out.py [MANIFEST.csv] [--kinchain build/release/kinchain]
                                     [--work DIR] [--json OUT.json]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", nargs="?",
                        default=os.path.join(root, "data/norms/schreiber2019_manifest.csv"))
    parser.add_argument("--kinchain", default=os.path.join(root, "build/release/kinchain"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "kinchain-leave-one-out"))
    parser.add_argument("--json", help="write the per-trial table here")
    args = parser.parse_args()

    manifest_dir = os.path.dirname(os.path.abspath(args.manifest))
    with open(args.manifest, newline="") as file:
        rows = list(csv.DictReader(file))
    participants = sorted({row["participant"] for row in rows})
    os.makedirs(args.work, exist_ok=True)
    trial_work = os.path.join(args.work, "trials")

    table = []
    for participant in participants:
        kept = [row for row in rows if row["participant"] != participant]
        manifest = os.path.join(args.work, f"without_{participant}.csv")
        with open(manifest, "w", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            for row in kept:  # absolute paths: the manifest no longer sits beside the data
                row = dict(row)
                for key in ("trial", "static"):
                    if row[key]:
                        row[key] = os.path.normpath(os.path.join(manifest_dir, row[key]))
                writer.writerow(row)
        norms = os.path.join(args.work, f"norms_without_{participant}.json")
        code, _, err = run([args.kinchain, "norms", "build", manifest, "-o", norms,
                            "--work", trial_work, "--quiet"])
        if code != 0:
            sys.exit(f"norms build without {participant} failed ({code}): {err}")
        for row in (r for r in rows if r["participant"] == participant):
            trial = os.path.normpath(os.path.join(manifest_dir, row["trial"]))
            static = os.path.normpath(os.path.join(manifest_dir, row["static"]))
            out = os.path.join(args.work, "analysis", os.path.basename(trial))
            code, stdout, err = run([args.kinchain, "analyze", trial, "--static", static,
                                     "--mass", row["mass_kg"], "--norms", norms, "-o", out,
                                     "--quiet", "--json"])
            if code not in (0, 2):
                table.append({"trial": os.path.basename(trial), "error": err.strip()})
                continue
            results = json.loads(stdout)
            outside = []
            judged = 0
            for metric in results["metrics"]:
                for side in ("left", "right"):
                    z = (metric.get(side) or {}).get("z")
                    if z is None:
                        continue
                    judged += 1
                    if abs(z) > 2.0:
                        outside.append(f"{metric['id']} {side} z={z:+.1f}")
            gps = results.get("gait_profile_score") or {}
            table.append({
                "participant": participant,
                "trial": os.path.basename(trial),
                "stratum": row["stratum"],
                "findings": [f"{f.get('mechanism', f.get('id'))} {f.get('side')}"
                             for f in results["findings"]],
                "judged_metric_sides": judged,
                "outside_2sd": outside,
                "gps_left": gps.get("left"),
                "gps_right": gps.get("right"),
            })

    good = [t for t in table if "error" not in t]
    findings = [len(t["findings"]) for t in good]
    outside = [len(t["outside_2sd"]) for t in good]
    for t in table:
        if "error" in t:
            print(f"{t['trial']}: not analysed: {t['error']}")
            continue
        print(f"{t['trial']:<22} findings {len(t['findings'])} {t['findings']}  "
              f"outside ±2 SD {len(t['outside_2sd'])}/{t['judged_metric_sides']}  "
              f"GPS {t['gps_left']} / {t['gps_right']}")
    if good:
        print(f"trials {len(good)}: findings per trial median {statistics.median(findings)}, "
              f"max {max(findings)}, trials with >1 finding {sum(f > 1 for f in findings)}; "
              f"metric sides outside ±2 SD per trial median {statistics.median(outside)}, "
              f"max {max(outside)}")
        gps = [g for t in good for g in (t["gps_left"], t["gps_right"]) if g is not None]
        if gps:
            print(f"GPS of healthy participants against leave-one-out norms: mean "
                  f"{statistics.mean(gps):.2f}°, range {min(gps):.2f}-{max(gps):.2f}°")
    if args.json:
        with open(args.json, "w") as file:
            json.dump(table, file, indent=1)


if __name__ == "__main__":
    main()
