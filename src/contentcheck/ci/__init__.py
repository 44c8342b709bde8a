"""What a project decides about a run: configuration, per-path rules, waivers, baselines and the exit code."""
