"""SQLModel tables, Alembic migrations, repositories, audit chain, seed loading."""
