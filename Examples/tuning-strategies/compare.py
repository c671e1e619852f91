# Reads the results.json of each (strategy, seed) run and prints the comparison table.
import json, sys, os, statistics
out = sys.argv[1]
seeds = [int(s) for s in sys.argv[2].split(",")]
def load(name, seed):
    return json.load(open(os.path.join(out, f"{name}-{seed}", "results.json")))
def best(trials, k=None):
    vals = [t["objective"] for t in trials[:k] if t.get("objective") is not None]
    return min(vals)
rows = []
random_best = {s: best(load("random", s)["trials"]) for s in seeds}
def rounds_to_reach(trials, target):
    used = 0
    for t in trials:
        used += t["trainedSteps"]
        if t.get("objective") is not None and t["objective"] <= target and t["status"] == "Completed":
            return used
    return None
print(f"{'strategy':<22} {'trials':>6} {'mean best rmse':>15} {'gap to Random-200':>18} {'within 1% (seeds)':>18} {'rounds trained':>15} {'rounds to reach 1%':>19}")
summary = {}
for name in ["random", "bayesian", "hyperband", "random40"]:
    gaps, bests, rounds, reach, hits = [], [], [], [], 0
    for s in seeds:
        r = load(name if name != "random40" else "random", s)
        trials = r["trials"][:40] if name == "random40" else r["trials"]
        b = best(trials)
        bests.append(b)
        gap = b / random_best[s] - 1
        gaps.append(gap)
        hits += gap <= 0.01
        rounds.append(sum(t["trainedSteps"] for t in trials))
        rr = rounds_to_reach(trials, random_best[s] * 1.01)
        reach.append(rr)
    label = {"random": "Random (200)", "bayesian": "Bayesian", "hyperband": "Hyperband", "random40": "Random, first 40"}[name]
    n = len(trials)
    reached = [x for x in reach if x is not None]
    reach_text = (f"{statistics.mean(reached):.0f}" if reached else "-") + f" ({len(reached)}/{len(seeds)})"
    print(f"{label:<22} {n:>6} {statistics.mean(bests):>15.4f} {100*statistics.mean(gaps):>17.2f}% {hits:>14}/{len(seeds)} {statistics.mean(rounds):>15.0f} {reach_text:>19}")
    summary[name] = (statistics.mean(gaps), statistics.mean(rounds), reach)
print(f"RESULT bayesian_gap_percent={100*summary['bayesian'][0]:.3f}")
print(f"RESULT hyperband_gap_percent={100*summary['hyperband'][0]:.3f}")
print(f"RESULT random_rounds={summary['random'][1]:.0f}")
print(f"RESULT hyperband_rounds={summary['hyperband'][1]:.0f}")
