# till: the two commands a newcomer needs are `make run` and `make test`.
GO ?= go

.PHONY: run test build golden vet fmt deps-check fuzz clean conformance stripe-go-tests

run: ## the TUI on the built-in Stripe emulator (no account, no key, no network)
	$(GO) run . $(ARGS)

test: deps-check ## every test, with the race detector, and the emulator's conformance suite
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(MAKE) conformance

conformance: ## Stripe's Node SDK (stripe-node, pinned in its package-lock.json) against `till emulator`
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "conformance: Node.js 20+ and npm are needed (https://nodejs.org)"; exit 1; }
	cd emulator/conformance && { test -d node_modules/stripe || npm ci --no-audit --no-fund; } && node run.mjs

stripe-go-tests: ## stripe-go v76's own tests (PaymentIntents, refunds, Terminal) against the emulator; see emulator/stripegotests
	$(GO) run ./emulator/stripegotests

build:
	$(GO) build -o till .

# Fuzz targets, package:name. `make test` runs each one's seeds and testdata/fuzz corpus
# as a normal test; `make fuzz` fuzzes each for FUZZTIME. FUZZMINIMIZE caps the time
# spent shrinking each new input: Go's default, a minute, spent FUZZTIME shrinking one
# state file (FuzzStateFile) instead of trying others.
FUZZTIME ?= 60s
FUZZMINIMIZE ?= 5s
FUZZ_TARGETS = ./checkout:FuzzParseAmount .:FuzzConfigFile ./readerctl:FuzzAnswer ./readerctl:FuzzWebhookPayload \
	./emulator:FuzzFormParams ./emulator:FuzzRouter ./emulator:FuzzJSONAppenders ./store:FuzzDecodeRecords \
	./emulator:FuzzStateFile ./emulator:FuzzStateRecord ./emulator:FuzzSearchQuery \
	./checkout:FuzzParseRate ./checkout:FuzzParseItemSpec ./checkout:FuzzParseDiscount ./checkout:FuzzParseEmail \
	./checkout:FuzzParseHistoryQuery ./checkout:FuzzTotalsAddUp

fuzz: ## fuzz each target for FUZZTIME (default 60s); a crash lands in its testdata/fuzz
	@log=$$(mktemp); trap 'rm -f $$log' EXIT; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; dir=$$pkg/testdata/fuzz/$$name; \
		before=$$(ls $$dir 2>/dev/null | wc -l); echo "== $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg >$$log 2>&1; rc=$$?; cat $$log; \
		[ $$rc = 0 ] && continue; \
		if [ "$$(ls $$dir 2>/dev/null | wc -l)" = "$$before" ] && grep -q 'context deadline exceeded' $$log; then \
			echo "$$name: no failing input; Go 1.26's fuzz coordinator can end a loaded run with 'context deadline exceeded' (golang/go#75804)"; \
			continue; \
		fi; \
		exit 1; \
	done

golden: ## rewrite the TUI's golden screens and the golden receipts after an intended change
	$(GO) test ./ui ./checkout -update

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

# The domain stays pure and only ui knows Bubble Tea.
deps-check:
	@! $(GO) list -deps ./checkout | grep -E 'bubbletea|lipgloss|stripe-go|bbolt|viper' || (echo "checkout must import only the standard library" && false)
	@! $(GO) list -deps ./readerctl ./store ./emulator | grep -E 'charmbracelet' || (echo "only ui may import Bubble Tea" && false)

clean:
	rm -f till
