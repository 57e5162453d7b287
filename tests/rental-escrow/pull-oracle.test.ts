// Pull-oracle mode end to end (the only Pyth mode on devnet and mainnet): the
// escrow reads a fully verified PriceUpdateV2 owned by Pyth's receiver (the
// stand-in at the receiver's address here), either the feed's sponsored
// account (the push oracle's PDA, in the genesis of both backends) or an
// update posted to any account. Updates are encoded with the receiver's own
// IDL coder. The SDK's quotes, rentals, extensions and clusters run on both
// backends; the CLI's on the validator.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { getMint } from "@solana/spl-token";
import {
  Keypair,
  PublicKey,
  Transaction,
  TransactionInstruction,
  VersionedTransaction,
} from "@solana/web3.js";
import { expect } from "chai";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";

import { run } from "../../app/cli";
import { fmt } from "../../app/cli/common";
import {
  buildPriceUpdatePosting,
  fetchPriceUpdateData,
  GpuMarketClient,
  MAX_TRANSACTION_BYTES,
  parsePriceUpdateData,
  PriceUpdateData,
  PYTH_RECEIVER_PROGRAM_ID,
  sponsoredPriceFeedAccount,
} from "../../app/src";
import { LOCAL_PULL_FEED_ID, LOCAL_SPONSORED_FEED_ACCOUNT } from "../../migrations/pyth-fixture";
import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { PYTH, REPO_ROOT } from "../helpers/context";
import {
  createPriceAccount,
  ensureEscrow,
  Escrow,
  escrowConfigUpdate,
  escrowPda,
  fixtureWriteIx,
} from "../helpers/escrow";
import {
  encodePriceUpdateV2,
  encodePriceUpdateV2ByReceiverIdl,
  PythPriceFixture,
} from "../helpers/pyth";
import {
  big,
  chainTime,
  createTier,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  Protocol,
  registerNode,
  tokens,
} from "../helpers/staking";

const HERMES = JSON.parse(
  fs.readFileSync(
    path.join(REPO_ROOT, "tests", "fixtures", "hermes-sol-eth-2024-04-05.json"),
    "utf8",
  ),
) as {
  binary: { data: string[] };
  parsed: { id: string; price: { price: string; conf: string; expo: number } }[];
};
const SOL_USD = Buffer.from(HERMES.parsed[0].id, "hex");

/** TEST FIXTURE: a stand-in Hermes on a free local port serving the recorded response. */
async function hermesStandIn(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith("/v2/updates/price/latest")) {
      res.writeHead(404).end();
      return;
    }
    // The SDK asks for the binary only (parsed=false), as Hermes then answers.
    if (!req.url.includes("parsed=false")) {
      res.writeHead(400).end("the stand-in serves parsed=false only");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ binary: HERMES.binary }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("rental_escrow: pull oracle end to end (sponsored feed, posted updates; SDK and CLI)", function () {
  this.timeout(600_000);
  let p: Protocol;
  let e: Escrow;
  let tierId: number;
  let nodes: NodeHandle[];
  let renter: Holder;
  let rc: GpuMarketClient;

  /** $1.25 per token (expo −8), conf 0.1 %, published now, for the local feed. */
  async function update(overrides: Partial<PythPriceFixture> & Record<string, unknown> = {}) {
    return {
      price: 125_000_000n,
      conf: 125_000n,
      expo: -8,
      publishTime: BigInt(await chainTime(p.ctx)),
      feedId: LOCAL_PULL_FEED_ID,
      ...overrides,
    };
  }

  /** Writes an update, encoded by the receiver's IDL coder, into a receiver-owned account. */
  async function post(account: PublicKey, overrides: Parameters<typeof update>[0] = {}) {
    const bytes = await encodePriceUpdateV2ByReceiverIdl(await update(overrides));
    await p.ctx.provider.sendAndConfirm!(
      new Transaction().add(fixtureWriteIx(PYTH.receiver, account, 0, bytes)),
    );
  }

  /** The escrow in pull mode for `feedId` (the local feed), pinned to `account` or open to any update. */
  async function pullMode(account: PublicKey | null, feedId: Buffer = LOCAL_PULL_FEED_ID) {
    await p.ctx.rentalEscrow.methods
      .updateConfig(
        escrowConfigUpdate({
          oracle: {
            kind: { pythPull: {} },
            program: PYTH.receiver,
            account: account ?? PublicKey.default,
            feedId: Array.from(feedId),
          },
        }),
      )
      .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
      .rpc();
  }

  async function send(ixs: TransactionInstruction[]) {
    return p.ctx.provider.sendAndConfirm!(new Transaction().add(...ixs), [renter.kp]);
  }

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
    nodes = [];
    for (let i = 0; i < 2; i++)
      nodes.push(
        await registerNode(p, tierId, {
          priceMicroUsd: 1_500_000n + BigInt(i),
          stake: tokens(100),
        }),
      );
    renter = await holder(p, tokens(1_000));
    rc = new GpuMarketClient(
      new AnchorProvider(p.ctx.connection, new Wallet(renter.kp), { commitment: "confirmed" }),
    );
  });

  after(async () => {
    // Back to the legacy test price for the files that follow.
    await ensureEscrow(p);
  });

  it("the receiver's own IDL coder and the tests' encoder write the same bytes", async () => {
    for (const verification of ["full", "partial"] as const) {
      const f = {
        ...(await update({ price: 98_765_432_109n, conf: 1_234n, expo: -10 })),
        verification,
      };
      expect((await encodePriceUpdateV2ByReceiverIdl(f)).equals(encodePriceUpdateV2(f))).to.equal(
        true,
      );
    }
  });

  it("the local feed's sponsored account is the push oracle's PDA, owned by the receiver, in the genesis", async () => {
    expect(
      sponsoredPriceFeedAccount(LOCAL_PULL_FEED_ID).equals(LOCAL_SPONSORED_FEED_ACCOUNT),
    ).to.equal(true);
    const info = await p.ctx.connection.getAccountInfo(LOCAL_SPONSORED_FEED_ACCOUNT);
    expect(info!.owner.equals(PYTH_RECEIVER_PROGRAM_ID)).to.equal(true);
    expect(PYTH.receiver.equals(PYTH_RECEIVER_PROGRAM_ID)).to.equal(true);
  });

  it("pinned to the sponsored feed: the SDK quotes what create_rental charges; rent, extend and a 2-leg cluster", async () => {
    await pullMode(LOCAL_SPONSORED_FEED_ACCOUNT);
    await post(LOCAL_SPONSORED_FEED_ACCOUNT);

    const q = await rc.quote(nodes[0].node, 600n);
    const built = await rc.createRental({
      renter: renter.kp.publicKey,
      node: nodes[0].node,
      durationSeconds: 600n,
      maxTokens: q.total,
    });
    expect(built.accounts.priceAccount.equals(LOCAL_SPONSORED_FEED_ACCOUNT)).to.equal(true);
    await send([built.instruction]);
    const rental = built.accounts.rental;
    let r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(big(r.deposited)).to.equal(q.tokens);
    expect(big(r.renterFees)).to.equal(q.fee);

    const qe = await rc.quoteExtension(rental, 300n);
    await send([(await rc.extendRental(rental, 300n, qe.total)).instruction]);
    r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(r.periodCount).to.equal(2);
    expect(big(r.deposited)).to.equal(q.tokens + qe.tokens);

    // Two legs of one cluster (buildCluster's node search needs an RPC
    // index: the CLI test below runs it on the validator).
    const clusterId = BigInt(Date.now());
    const quotes = await Promise.all(nodes.map((n) => rc.quote(n.node, 600n)));
    // Cheap ids, as the SDK's cluster builder picks them.
    let nextId = clusterId * 100n;
    const ids = nodes.map(() => {
      const id = rc.pdas.cheapRentalId(renter.kp.publicKey, nextId);
      nextId = id + 1n;
      return id;
    });
    const legs = await Promise.all(
      nodes.map((n, i) =>
        rc.createRental({
          renter: renter.kp.publicKey,
          node: n.node,
          durationSeconds: 600n,
          maxTokens: quotes[i].total,
          clusterId,
          rentalId: ids[i],
        }),
      ),
    );
    await send(legs.map((b) => b.instruction));
    for (const [i, b] of legs.entries()) {
      const leg = await p.ctx.rentalEscrow.account.rental.fetch(b.accounts.rental);
      expect(leg.clusterId.toString()).to.equal(clusterId.toString());
      expect(big(leg.deposited)).to.equal(quotes[i].tokens);
    }

    // Another account while the escrow pins the sponsored one: the SDK says so.
    let refused = "";
    await rc
      .createRental({
        renter: renter.kp.publicKey,
        node: nodes[0].node,
        durationSeconds: 600n,
        maxTokens: q.total,
        priceAccount: Keypair.generate().publicKey,
      })
      .catch((err) => (refused = String(err)));
    expect(refused).to.match(/would be refused \(WrongOracleAccount\)/);
  });

  it("open to any update: a posted account by priceAccount, the sponsored one by default; partial verification and another feed refused by name, nothing changed", async () => {
    await pullMode(null);
    const posted = await createPriceAccount(p.ctx, "pull");
    await post(posted, { price: 130_000_000n, conf: 130_000n });
    await post(LOCAL_SPONSORED_FEED_ACCOUNT);

    // The posted update ($1.30) prices the rental, not the sponsored one ($1.25).
    const q = await rc.quote(nodes[1].node, 600n, [], posted);
    const atSponsored = await rc.quote(nodes[1].node, 600n);
    expect(q.tokens < atSponsored.tokens).to.equal(true);
    const built = await rc.createRental({
      renter: renter.kp.publicKey,
      node: nodes[1].node,
      durationSeconds: 600n,
      maxTokens: q.total,
      priceAccount: posted,
    });
    expect(built.accounts.priceAccount.equals(posted)).to.equal(true);
    await send([built.instruction]);
    const r = await p.ctx.rentalEscrow.account.rental.fetch(built.accounts.rental);
    expect(big(r.deposited)).to.equal(q.tokens);

    const byDefault = await rc.createRental({
      renter: renter.kp.publicKey,
      node: nodes[1].node,
      durationSeconds: 600n,
      maxTokens: atSponsored.total,
    });
    expect(byDefault.accounts.priceAccount.equals(LOCAL_SPONSORED_FEED_ACCOUNT)).to.equal(true);
    await send([byDefault.instruction]);

    for (const [overrides, error] of [
      [{ verification: "partial" }, "InsufficientVerification"],
      [{ feedId: Buffer.alloc(32, 7) }, "FeedMismatch"],
    ] as const) {
      const bad = await createPriceAccount(p.ctx, "pull");
      await post(bad, overrides as never);
      const leg = await rc.createRental({
        renter: renter.kp.publicKey,
        node: nodes[1].node,
        durationSeconds: 600n,
        maxTokens: tokens(100),
        priceAccount: bad,
      });
      const before = await snapshot(p.ctx, [
        renter.tokens,
        nodes[1].node,
        escrowPda.config(p.ctx),
        leg.accounts.rental,
      ]);
      await expectAnchorError(send([leg.instruction]), error);
      await expectUnchanged(p.ctx, before);
    }
  });

  describe("fresh updates: a recorded Hermes response, Pyth's receiver SDK (offline)", () => {
    // Hermes is not reachable from CI, and the Wormhole and receiver programs
    // are not on localnet: the recorded, guardian-signed update (SOL/USD and
    // ETH/USD, 2024-04-05, tests/fixtures) is parsed and turned into Pyth's
    // own posting transactions here; its price is put on chain with the
    // receiver's IDL coder to check that quoting from it matches create_rental.
    const WORMHOLE = new PublicKey("HDwcJBJXjL9FpJ7UBsYBtaDjsBUhuLCUYoz3zr8SWWaQ");
    let update: PriceUpdateData;
    let hermes: http.Server | undefined;
    let hermesUrl: string;

    before(async () => {
      update = await parsePriceUpdateData(HERMES.binary.data, SOL_USD);
      const standIn = await hermesStandIn();
      hermes = standIn.server;
      hermesUrl = standIn.url;
    });
    after(() => hermes?.close());

    it("reads the feed's price from the signed message; another feed is refused with its id", async () => {
      const sol = HERMES.parsed[0].price;
      expect(update.price.feedId.equals(SOL_USD)).to.equal(true);
      expect(update.price.price).to.equal(BigInt(sol.price));
      expect(update.price.conf).to.equal(BigInt(sol.conf));
      expect(update.price.expo).to.equal(sol.expo);
      expect(update.price.publishTime).to.equal(1_712_327_565n);
      let refused = "";
      await parsePriceUpdateData(HERMES.binary.data, LOCAL_PULL_FEED_ID).catch(
        (err) => (refused = String(err)),
      );
      expect(refused).to.include(`no message for feed ${LOCAL_PULL_FEED_ID.toString("hex")}`);
    });

    it("fetches through Pyth's hermes-client (a stand-in server); an unreachable Hermes says what to do", async () => {
      const fetched = await fetchPriceUpdateData(SOL_USD, hermesUrl);
      expect(fetched).to.deep.equal(update);
      let failed = "";
      await fetchPriceUpdateData(SOL_USD, "http://127.0.0.1:9").catch(
        (err) => (failed = String(err)),
      );
      expect(failed).to.match(
        /could not fetch a price update .* pass a posted update account instead/,
      );
    });

    it("a price in hand quotes what create_rental charges at the same price on chain", async () => {
      await pullMode(null);
      // The recorded SOL/USD price, as if it were the local feed's.
      const inHand = { ...update.price, feedId: LOCAL_PULL_FEED_ID };
      const q = await rc.quote(nodes[0].node, 3_600n, [], inHand);
      const onChain = await createPriceAccount(p.ctx, "pull");
      await post(onChain, {
        price: update.price.price,
        conf: update.price.conf,
        expo: update.price.expo,
        emaPrice: update.price.emaPrice,
      });
      expect((await rc.quote(nodes[0].node, 3_600n, [], onChain)).total).to.equal(q.total);
      const built = await rc.createRental({
        renter: renter.kp.publicKey,
        node: nodes[0].node,
        durationSeconds: 3_600n,
        maxTokens: q.total,
        priceAccount: onChain,
      });
      await send([built.instruction]);
      const r = await p.ctx.rentalEscrow.account.rental.fetch(built.accounts.rental);
      expect(big(r.deposited)).to.equal(q.tokens);
      expect(big(r.renterFees)).to.equal(q.fee);
      // The escrow's feed is the local one: the SOL/USD price itself is refused.
      let refused = "";
      await rc
        .quote(nodes[0].node, 3_600n, [], update.price)
        .catch((err) => (refused = String(err)));
      expect(refused).to.include(`the price is for feed ${SOL_USD.toString("hex")}`);
    });

    it("Pyth's receiver SDK builds the fully verified posting: VAA verified by Wormhole, post_update, then both accounts closed", async () => {
      const posting = await buildPriceUpdatePosting(
        p.ctx.connection,
        new Wallet(renter.kp),
        update,
        { computeUnitPriceMicroLamports: 1 },
      );
      const names = (txs: { tx: VersionedTransaction }[]) =>
        txs.flatMap(({ tx }) => {
          const keys = tx.message.staticAccountKeys;
          return tx.message.compiledInstructions.map((ix) => {
            const program = keys[ix.programIdIndex];
            const disc = Buffer.from(ix.data.subarray(0, 8)).toString("hex");
            if (program.equals(WORMHOLE)) return `wormhole:${disc}`;
            if (program.equals(PYTH_RECEIVER_PROGRAM_ID)) return `receiver:${disc}`;
            return program.toBase58().slice(0, 8);
          });
        });
      // Anchor discriminators: sha256("global:<name>")[0..8].
      const disc = (name: string) =>
        require("crypto")
          .createHash("sha256")
          .update(`global:${name}`)
          .digest()
          .subarray(0, 8)
          .toString("hex");
      const post = names(posting.post);
      expect(post).to.include(`wormhole:${disc("init_encoded_vaa")}`);
      expect(post).to.include(`wormhole:${disc("verify_encoded_vaa_v1")}`);
      expect(post).to.include(`receiver:${disc("post_update")}`);
      expect(post).to.not.include(`receiver:${disc("post_update_atomic")}`); // partial verification
      const close = names(posting.close);
      expect(close).to.include(`wormhole:${disc("close_encoded_vaa")}`);
      expect(close).to.include(`receiver:${disc("reclaim_rent")}`);
      // The update lands in a fresh account that post_update creates (its signer).
      const postTx = posting.post.find(({ tx }) =>
        tx.message.staticAccountKeys.some((k) => k.equals(posting.priceUpdateAccount)),
      );
      expect(postTx?.signers.some((s) => s.publicKey.equals(posting.priceUpdateAccount))).to.equal(
        true,
      );
      for (const { tx } of [...posting.post, ...posting.close])
        expect(tx.serialize().length).to.be.at.most(MAX_TRANSACTION_BYTES);
      console.log(
        `      posting: ${posting.post.length} transactions (` +
          posting.post.map(({ tx }) => `${tx.serialize().length} B`).join(", ") +
          `), closing: ${posting.close.length}`,
      );
    });
  });

  describe("the CLI in pull mode (validator)", () => {
    let tmp: string;
    let renterKey: string;
    async function cliRaw(...args: string[]) {
      let out = "";
      let err = "";
      const code = await run(
        [
          "node",
          "gpu-depin",
          "--url",
          p.ctx.connection.rpcEndpoint,
          "--keypair",
          renterKey,
          "--json",
          ...args,
        ],
        { out: (s) => void (out += s), err: (s) => void (err += s) },
      );
      return { code, out, err };
    }
    async function cli(...args: string[]) {
      const { code, out, err } = await cliRaw(...args);
      expect(code, `gpu-depin ${args.join(" ")}\n${err}`).to.equal(0);
      return JSON.parse(out);
    }

    before(function () {
      if (p.ctx.backend !== "validator") this.skip(); // the CLI talks to an RPC endpoint
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gpu-depin-pull-"));
      renterKey = path.join(tmp, "renter.json");
      fs.writeFileSync(renterKey, JSON.stringify(Array.from(renter.kp.secretKey)));
    });

    it("quote, rent, extend and a cluster with --price-update; the sponsored feed by default", async () => {
      await pullMode(null);
      const posted = await createPriceAccount(p.ctx, "pull");
      await post(posted);
      await post(LOCAL_SPONSORED_FEED_ACCOUNT, { price: 120_000_000n, conf: 120_000n });
      const node = nodes[0].node.toBase58();

      const quote = await cli("renter", "quote", node, "10m", "--price-update", posted.toBase58());
      expect(quote.priceAccount).to.equal(posted.toBase58());
      const sponsoredQuote = await cli("renter", "quote", node, "10m");
      expect(sponsoredQuote.priceAccount).to.equal(LOCAL_SPONSORED_FEED_ACCOUNT.toBase58());
      expect(sponsoredQuote.total).to.not.equal(quote.total);

      const rent = await cli("renter", "rent", node, "10m", "--price-update", posted.toBase58());
      expect(rent.priceAccount).to.equal(posted.toBase58());
      await cli("renter", "extend", rent.rental, "5m", "--price-update", posted.toBase58());
      const r = await p.ctx.rentalEscrow.account.rental.fetch(new PublicKey(rent.rental));
      expect(r.periodCount).to.equal(2);

      const cluster = await cli(
        "renter",
        "cluster",
        "2",
        "10m",
        "--tier",
        String(tierId),
        "--price-update",
        posted.toBase58(),
      );
      expect(cluster.rentals.length).to.equal(2);
      await cli("renter", "rent", node, "10m"); // the sponsored feed
    });

    it("--price-update fresh: quotes from Hermes (a stand-in); a rent where Pyth's programs are absent fails before anything moves", async () => {
      await pullMode(null, SOL_USD);
      const standIn = await hermesStandIn();
      try {
        const node = nodes[0].node.toBase58();
        const fresh = ["--price-update", "fresh", "--hermes", standIn.url];
        const quote = await cli("renter", "quote", node, "1h", ...fresh);
        expect(quote.priceAccount).to.equal(
          `fresh update from ${standIn.url} (publish time 1712327565)`,
        );
        const update = await parsePriceUpdateData(HERMES.binary.data, SOL_USD);
        const sdk = await rc.quote(nodes[0].node, 3_600n, [], update.price);
        const decimals = (await getMint(p.ctx.connection, p.stakeMint)).decimals;
        expect(quote.total).to.equal(fmt(sdk.total, decimals));

        // Posting needs Wormhole and Pyth's receiver, which localnet lacks.
        const before = await snapshot(p.ctx, [renter.tokens, nodes[0].node]);
        const rent = await cliRaw("renter", "rent", node, "1h", ...fresh);
        expect(rent.code).to.not.equal(0);
        expect(rent.err).to.match(
          /Wormhole's core bridge program HDwcJBJXjL9FpJ7UBsYBtaDjsBUhuLCUYoz3zr8SWWaQ is not deployed .*here pass a posted update account/,
        );
        await expectUnchanged(p.ctx, before);
      } finally {
        standIn.server.close();
        await pullMode(null);
      }
    });
  });
});
