"""Teaching: problem sets, answer checking, answer trajectories, budget sweeps, export."""
