# GasLab: `make report` runs the main job, `make test` runs every check.
# Both install what they need (Debian's libsecp256k1-dev, libgmp-dev, libbrotli-dev) when run as root.

SWIFT ?= swift
SYSTEM_PACKAGES := libsecp256k1-dev libgmp-dev libbrotli-dev

FIXTURES ?= ../shared/fixtures

.PHONY: test report build release deps conformance snapshot difffuzz compiled node-tests node-load contracts-build clean

deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing$$missing"; \
			(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "GasLab needs$$missing: run 'sudo apt-get install -y$$missing' (or run make as root)."; exit 1; \
		fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(SWIFT) build -c release --product gaslab
	.build/release/gaslab snapshot --check
	$(MAKE) conformance
	$(MAKE) difffuzz
	$(MAKE) node-tests

# Rewrite .gas-snapshot after an intended change to a contract.
snapshot: deps
	$(SWIFT) build -c release --product gaslab
	.build/release/gaslab snapshot

# Every filled state test and blockchain test of $(FIXTURES), from a release build.
conformance: deps
	@if [ -d "$(FIXTURES)" ]; then \
		$(SWIFT) build -c release --product gaslab && \
		.build/release/gaslab statetest $(FIXTURES)/ethereum-tests/GeneralStateTests $(FIXTURES)/execution-spec-tests/state_tests && \
		.build/release/gaslab blocktest $(FIXTURES)/execution-spec-tests/blockchain_tests; \
	else \
		echo "SKIPPED: $(FIXTURES) not found, so the state and blockchain tests (conformance) did not run."; \
	fi

# Differential fuzzing against the executable specification and revm (scripts/difffuzz.py):
# a bounded run here; longer ones with DIFFFUZZ_COUNT and DIFFFUZZ_SEED. Python is a test-time
# helper only: without it, or without the packages (installed here when pip can), it is skipped.
DIFFFUZZ_COUNT ?= 500
DIFFFUZZ_SEED ?= 1
# Inputs per BLS12-381 precompile checked against the specification (scripts/bls_difffuzz.py).
BLS_DIFFFUZZ_COUNT ?= 12
# Signed transactions whose Layer-2 fees are checked against scripts/fee_check.py's own implementation.
FEE_CHECK_COUNT ?= 100
difffuzz:
	@if ! command -v python3 >/dev/null 2>&1; then \
		echo "SKIPPED: difffuzz needs python3"; exit 0; \
	fi; \
	if ! python3 -c "import ethereum.forks.cancun, pyrevm, coincurve, brotli" >/dev/null 2>&1; then \
		timeout 600 python3 -m pip install -q ethereum-execution pyrevm brotli >/dev/null 2>&1 || true; \
	fi; \
	if ! python3 -c "import ethereum.forks.cancun, coincurve" >/dev/null 2>&1; then \
		echo "SKIPPED: difffuzz needs ethereum-execution (pip install ethereum-execution pyrevm)"; exit 0; \
	fi; \
	$(SWIFT) build -c release --product gaslab && \
	python3 scripts/difffuzz.py --count $(DIFFFUZZ_COUNT) --seed $(DIFFFUZZ_SEED) --quiet && \
	python3 scripts/bls_difffuzz.py --count $(BLS_DIFFFUZZ_COUNT) --seed $(DIFFFUZZ_SEED) && \
	python3 scripts/fee_check.py --count $(FEE_CHECK_COUNT) --seed $(DIFFFUZZ_SEED) && \
	$(MAKE) --no-print-directory compiled

# A compiled contract (Contracts/LinearModel.vy, Vyper 0.4.3) against the executable specification, call by call, and
# its committed artifact against a fresh compile when vyper can be installed.
compiled:
	@if ! command -v vyper >/dev/null 2>&1 || ! vyper --version 2>/dev/null | grep -q '^0\.4\.3'; then \
		timeout 600 python3 -m pip install -q vyper==0.4.3 >/dev/null 2>&1 \
			|| echo "NOTE: could not install vyper==0.4.3 with pip: the Vyper artifact's freshness is not checked"; \
	fi; \
	$(SWIFT) build -c release --product gaslab && python3 scripts/compiled_check.py

# `gaslab node` driven by a real client: web3.py and eth-account under pytest (Tests/node),
# against the release build. Installed with pip when missing; without them the suite fails
# rather than skipping, since it is the node's evidence.
node-tests: deps
	@if ! python3 -c "import web3, eth_account, pytest" >/dev/null 2>&1; then \
		timeout 600 python3 -m pip install -q web3 eth-account pytest >/dev/null 2>&1 \
			|| { echo "node-tests need web3, eth-account and pytest: pip install web3 eth-account pytest"; exit 1; }; \
	fi
	$(SWIFT) build -c release --product gaslab
	GASLAB=.build/release/gaslab python3 -m pytest -q -p no:cacheprovider Tests/node

# Load on `gaslab node` (scripts/node_load.py): concurrent clients sending signed train()
# transactions, then eth_call reads; a benchmark, not a test.
node-load: deps
	$(SWIFT) build -c release --product gaslab
	python3 scripts/node_load.py --gaslab .build/release/gaslab

# Rebuild the committed artifact of the Vyper contract (needs vyper 0.4.3).
contracts-build:
	cd Contracts && vyper --evm-version shanghai -f combined_json LinearModel.vy > build/LinearModel.json

# The main job: Table I against the paper, every variant, the forks; written to report/.
report: deps
	$(SWIFT) build -c release --product gaslab
	.build/release/gaslab report all --out report

clean:
	rm -rf .build
