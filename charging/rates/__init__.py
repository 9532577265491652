"""The rates the council charges by: the registry of rate codes (:mod:`.codes`), each figure from the
day it takes effect with its source (the ``Rate`` model), and the pages where team leaders add them."""
