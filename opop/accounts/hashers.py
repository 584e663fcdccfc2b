"""Password hashing cost right for two cores (issue 18): Argon2id with OWASP's recommended minimum (19 MiB, two
passes, one lane) costs ~25 ms a login here, where Django's PBKDF2 (1 000 000 iterations) costs ~200 ms of a core,
so fifty people of one office signing in at 08:00 no longer hold every worker for seconds. Memory-hard, it is also
dearer than PBKDF2 to guess on a GPU. Stored PBKDF2 hashes still verify and are rehashed at the next login."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
