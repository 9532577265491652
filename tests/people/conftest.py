from tests.people.pages import world  # noqa: F401  (a fixture shared by the people pages' tests)
