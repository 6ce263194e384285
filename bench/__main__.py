"""`python -m bench`: the same as `bench/run`."""

from bench.run import main

if __name__ == "__main__":
    raise SystemExit(main())
