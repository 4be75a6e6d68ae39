# Bootstrap only: make the virtual environment from the lock file, then hand over to invoke
# (tasks.py is the one home of every command; `.venv/bin/invoke --list` shows them all).
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed-from-requirements

.PHONY: serve test publish build clean check

serve test publish build clean check: $(STAMP)
	$(VENV)/bin/invoke $@

# Rebuilt when missing or older than the lock file.
$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	$(VENV)/bin/python -m pip check
	touch $@
