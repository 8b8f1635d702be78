"""Teaching: problem sets, answer checking, answer trajectories, budget sweeps, fork planning,
replay timing, export."""
