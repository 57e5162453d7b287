# The two README commands:
#   make demo   build (installing what is missing), start a local validator,
#               deploy, initialise and show the market; `make stop` ends it
#   make test   build (installing what is missing) and run the whole suite on
#               LiteSVM and on solana-test-validator
.PHONY: build demo stop test test-litesvm test-validator anchor-test bench lint fuzz size cu

build:
	scripts/build.sh

demo:
	scripts/demo.sh

stop:
	npx ts-node -P tsconfig.json scripts/stop-localnet.ts

test:
	scripts/test.sh

test-litesvm:
	scripts/test.sh litesvm

test-validator:
	scripts/test.sh validator

# The stock `anchor test` (its own validator, programs at genesis); needs the solana CLI.
anchor-test: build
	tools/setup.sh solana-cli
	. tools/env.sh && mkdir -p ~/.config/solana && { [ -f ~/.config/solana/id.json ] || node -e "const {Keypair}=require('@solana/web3.js');require('fs').writeFileSync(require('os').homedir()+'/.config/solana/id.json',JSON.stringify(Array.from(Keypair.generate().secretKey)))"; } && anchor test --skip-build

# Invariant fuzzing (tests/fuzz, issue 13): 10 000 random markets and
# operation sequences against the real programs on LiteSVM, two workers.
fuzz: build
	FUZZ_RUNS=$${FUZZ_RUNS:-10000} FUZZ_WORKERS=$${FUZZ_WORKERS:-2} npx ts-node -P tsconfig.json tests/fuzz/run.ts

bench:
	scripts/build.sh && . tools/env.sh && npx ts-node -P tsconfig.json scripts/bench.ts --suites

lint:
	. tools/env.sh && cargo fmt --all --check && cargo clippy --all-targets -- -D warnings
	. tools/env.sh && cargo fmt --manifest-path tools/sbf/rt-test/Cargo.toml --check && \
	  cargo fmt --manifest-path tools/sbf/elf/Cargo.toml --check && \
	  CARGO_TARGET_DIR=target/rt-test cargo clippy --manifest-path tools/sbf/rt-test/Cargo.toml --all-targets -- -D warnings
	npx prettier --check 'app/**/*.ts' 'tests/**/*.ts' 'migrations/**/*.ts' 'scripts/**/*.ts'
	npx tsc --noEmit -p tsconfig.json

# Where the bytes of each program go (after `make build`): size and deploy rent,
# biggest functions, bytes per crate, memcpy/memset lengths. SIZE_SAVE=f.json
# keeps the numbers, SIZE_DIFF=f.json compares with them (tools/sbf/README.md).
size:
	tools/sbf/bin/sbf-size-report $(if $(SIZE_SAVE),--save $(SIZE_SAVE)) $(if $(SIZE_DIFF),--diff $(SIZE_DIFF))

# Compute units of every instruction over the LiteSVM suite, with repeatable
# keys and ids (tools/sbf/cu/deterministic.js), into target/cu-log.det.jsonl;
# CU_BASE=<an older such log> prints the change per instruction.
cu:
	rm -f target/cu-log.det.jsonl
	TEST_BACKEND=litesvm GPU_DEPIN_CU_LOG=target/cu-log.det.jsonl npx ts-mocha -p ./tsconfig.json -t 300000 \
	  --require tools/sbf/cu/deterministic.js --sort 'tests/**/*.test.ts'
	tools/sbf/bin/sbf-cu-compare $(or $(CU_BASE),target/cu-log.det.jsonl) $(if $(CU_BASE),target/cu-log.det.jsonl)
