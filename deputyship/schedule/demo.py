def seed_demo_step(run) -> dict[str, int]:
    return {}
