/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/rental_escrow.json`.
 */
export type RentalEscrow = {
  "address": "H2NUcPQMPgYYhbzY8toBq5Nq1uZDaVunoSjzZBhGEA6e",
  "metadata": {
    "name": "rentalEscrow",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "GPU-compute DePIN: USD-priced (Pyth) rentals held in escrow and streamed to providers"
  },
  "instructions": [
    {
      "name": "acceptAdmin",
      "docs": [
        "Proposed admin: accepts (step 2 of 2)."
      ],
      "discriminator": [
        112,
        42,
        45,
        90,
        116,
        181,
        13,
        170
      ],
      "accounts": [
        {
          "name": "newAdmin",
          "signer": true
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        }
      ],
      "args": []
    },
    {
      "name": "cancelRental",
      "docs": [
        "Renter: ends the rental early; the unserved tokens and fees are refunded."
      ],
      "discriminator": [
        97,
        204,
        63,
        8,
        84,
        34,
        28,
        43
      ],
      "accounts": [
        {
          "name": "renter",
          "signer": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "config",
          "docs": [
            "The escrow config: owner and discriminator checked by `Account`;",
            "`initialize` creates the only one (at its PDA), so no seeds here."
          ]
        },
        {
          "name": "rental",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program created for it; the token program checks it in the transfers."
          ],
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "renterTokens",
          "docs": [
            "(`check_payee` in the handler: MintMismatch), not the vault."
          ],
          "writable": true
        },
        {
          "name": "paymentMint",
          "docs": [
            "read by `MintRef::load`, and the token program checks it again."
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "rentalAuthority"
        },
        {
          "name": "nodeStakingProgram",
          "docs": [
            "Needed for the CPI into node_staking even though no code reads it:",
            "the runtime finds the callee among the instruction's accounts."
          ],
          "address": "AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE"
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "claim",
      "docs": [
        "Provider: claims what accrued (per second, minus the holdback) minus the provider fee."
      ],
      "discriminator": [
        62,
        198,
        214,
        193,
        213,
        159,
        108,
        210
      ],
      "accounts": [
        {
          "name": "provider",
          "docs": [
            "The node's operator recorded at creation."
          ],
          "signer": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "rental",
          "docs": [
            "A rental of this program (owner and discriminator checked by",
            "`Account`); see `Rental` for why its seeds are not re-derived."
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "`validate`: create_rental made it for the config's payment mint under",
            "the config's token program, and neither can change, so it pins the",
            "mint and the token program below without the config."
          ],
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "providerTokens",
          "docs": [
            "(`validate`: `TokenAccountView`, MintMismatch), not the vault."
          ],
          "writable": true
        },
        {
          "name": "paymentMint",
          "docs": [
            "decimals are read by `MintRef::load`, and the token program checks it",
            "again."
          ]
        },
        {
          "name": "tokenProgram",
          "docs": [
            "The payment mint's token program: the vault's owner."
          ]
        }
      ],
      "args": []
    },
    {
      "name": "closeRental",
      "docs": [
        "Renter or provider: settles and closes a finished (or timed-out disputed) rental, unlocking the node."
      ],
      "discriminator": [
        179,
        188,
        113,
        211,
        41,
        232,
        51,
        51
      ],
      "accounts": [
        {
          "name": "closer",
          "docs": [
            "The renter once the rental ended; anyone once the dispute window",
            "has passed (see `validate`)."
          ],
          "signer": true
        },
        {
          "name": "config",
          "docs": [
            "The escrow config: owner and discriminator checked by `Account`;",
            "`initialize` creates the only one (at its PDA), so no seeds here."
          ]
        },
        {
          "name": "rental",
          "docs": [
            "Closed here; its rent goes back to the renter."
          ],
          "writable": true
        },
        {
          "name": "renter",
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "vault",
          "docs": [
            "program created for it; its balance is read by `TokenAccountView`."
          ],
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "providerTokens",
          "docs": [
            "(`check_payee` in the handler: MintMismatch, WrongProvider)."
          ],
          "writable": true
        },
        {
          "name": "renterTokens",
          "docs": [
            "the vault (`check_payee` in the handler: MintMismatch,",
            "DestinationMismatch)."
          ],
          "writable": true
        },
        {
          "name": "treasury",
          "docs": [
            "payment mint (checked when initialize or update_config set it); the",
            "token program checks it again in the transfer."
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "paymentMint",
          "docs": [
            "read by `MintRef::load`, and the token program checks it again."
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "rentalAuthority"
        },
        {
          "name": "nodeStakingProgram",
          "docs": [
            "Needed for the CPI into node_staking even though no code reads it:",
            "the runtime finds the callee among the instruction's accounts."
          ],
          "address": "AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE"
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "createRental",
      "docs": [
        "Renter: rents a node for a duration at its USD rate, paying tokens at the oracle price."
      ],
      "discriminator": [
        130,
        240,
        153,
        29,
        243,
        149,
        80,
        243
      ],
      "accounts": [
        {
          "name": "renter",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "docs": [
            "The escrow config: owner and discriminator checked by `Account`;",
            "`initialize` creates the only one (at its PDA), so no seeds here."
          ]
        },
        {
          "name": "rental",
          "docs": [
            "rental_id]` with its canonical bump (address checked in the handler,",
            "`WrongRentalAddress`; the System program refuses an account in use)."
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "rental) at the PDA `[RENTAL_VAULT_SEED, rental]` with its canonical",
            "bump (address checked in the handler, `WrongVault`). Holds the",
            "rental's tokens and the renter's fee until they are earned."
          ],
          "writable": true
        },
        {
          "name": "renterTokens",
          "docs": [
            "the payment: its owning program and its mint are checked by",
            "`check_payer_tokens` (AccountNotInitialized, AccountOwnedByWrongProgram,",
            "MintMismatch); the token program checks the rest in the transfer."
          ],
          "writable": true
        },
        {
          "name": "paymentMint",
          "docs": [
            "read by `MintRef::load`, and the token program checks it again."
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "docs": [
            "The node rented; owner (node_staking) checked by `Account`, its",
            "status by node_staking in the lock CPI."
          ],
          "writable": true
        },
        {
          "name": "priceAccount",
          "docs": [
            "EMA divergence are checked by `price::load_price`."
          ]
        },
        {
          "name": "stakingConfig"
        },
        {
          "name": "stakingSpecTier"
        },
        {
          "name": "rentalAuthority"
        },
        {
          "name": "nodeStakingProgram",
          "docs": [
            "Needed for the CPI into node_staking even though no code reads it:",
            "the runtime finds the callee among the instruction's accounts."
          ],
          "address": "AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE"
        },
        {
          "name": "instructions",
          "optional": true,
          "address": "Sysvar1nstructions1111111111111111111111111"
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "createRentalArgs"
            }
          }
        }
      ]
    },
    {
      "name": "extendRental",
      "docs": [
        "Renter: buys another period on a rentable node at its current rate and price."
      ],
      "discriminator": [
        247,
        232,
        97,
        140,
        184,
        14,
        184,
        224
      ],
      "accounts": [
        {
          "name": "renter",
          "signer": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "config",
          "docs": [
            "The escrow config: owner and discriminator checked by `Account`;",
            "`initialize` creates the only one (at its PDA), so no seeds here."
          ]
        },
        {
          "name": "rental",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program created for it; the token program checks it in the transfers."
          ],
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "renterTokens",
          "docs": [
            "the payment: its owning program and its mint are checked by",
            "`check_payer_tokens` (AccountNotInitialized, AccountOwnedByWrongProgram,",
            "MintMismatch); the token program checks the rest in the transfer."
          ],
          "writable": true
        },
        {
          "name": "paymentMint",
          "docs": [
            "read by `MintRef::load`, and the token program checks it again."
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "docs": [
            "The rented node (owner checked by `Account`; the rental's, by has_one)."
          ],
          "relations": [
            "rental"
          ]
        },
        {
          "name": "stakingConfig",
          "docs": [
            "node_staking's config (owner and discriminator checked by `Account`;",
            "there is one)."
          ]
        },
        {
          "name": "stakingSpecTier",
          "docs": [
            "The node's tier: a SpecTier of node_staking (owner and discriminator",
            "checked by `Account`) with the node's tier id; one exists per id."
          ]
        },
        {
          "name": "priceAccount"
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "extendRentalArgs"
            }
          }
        }
      ]
    },
    {
      "name": "initialize",
      "docs": [
        "Creates the escrow config; the signer (the program's upgrade authority) becomes the admin."
      ],
      "discriminator": [
        175,
        175,
        109,
        31,
        13,
        152,
        155,
        237
      ],
      "accounts": [
        {
          "name": "admin",
          "docs": [
            "Pays for the config account and becomes the admin. Must be the",
            "program's upgrade authority, so nobody can initialise a fresh",
            "deployment first."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "programData",
          "docs": [
            "This program's ProgramData; its upgrade authority must be `admin`.",
            "authority read in place (crates/upgrade-authority, no bincode)."
          ],
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  238,
                  20,
                  218,
                  203,
                  40,
                  5,
                  160,
                  52,
                  176,
                  252,
                  136,
                  11,
                  11,
                  229,
                  167,
                  126,
                  68,
                  195,
                  92,
                  164,
                  249,
                  177,
                  224,
                  175,
                  236,
                  232,
                  200,
                  65,
                  68,
                  114,
                  96,
                  3
                ]
              }
            ],
            "program": {
              "kind": "const",
              "value": [
                2,
                168,
                246,
                145,
                78,
                136,
                161,
                176,
                226,
                16,
                21,
                62,
                247,
                99,
                174,
                43,
                0,
                194,
                185,
                61,
                22,
                193,
                36,
                210,
                192,
                83,
                122,
                16,
                4,
                128,
                0,
                0
              ]
            }
          }
        },
        {
          "name": "config",
          "docs": [
            "Created here; a second initialize fails because the PDA exists."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "stakingConfig",
          "docs": [
            "node_staking's config (owner and discriminator checked by `Account`):",
            "rentals are paid in its stake mint, which it has vetted."
          ]
        },
        {
          "name": "paymentMint",
          "docs": [
            "The payment token: node_staking's stake mint."
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "mint under its token program (`validate`: `TokenAccountView`,",
            "MintMismatch)."
          ]
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "initializeArgs"
            }
          }
        }
      ]
    },
    {
      "name": "openDispute",
      "docs": [
        "Renter: disputes the rental within the window, stopping accrual and freezing claims."
      ],
      "discriminator": [
        137,
        25,
        99,
        119,
        23,
        223,
        161,
        42
      ],
      "accounts": [
        {
          "name": "renter",
          "signer": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "rental",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "proposeAdmin",
      "docs": [
        "Admin: names the next admin (step 1 of 2)."
      ],
      "discriminator": [
        121,
        214,
        199,
        212,
        87,
        39,
        117,
        234
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        }
      ],
      "args": [
        {
          "name": "proposed",
          "type": "pubkey"
        }
      ]
    },
    {
      "name": "quote",
      "docs": [
        "Anyone: the on-chain USD → token conversion for given inputs (read-only)."
      ],
      "discriminator": [
        149,
        42,
        109,
        247,
        134,
        146,
        213,
        123
      ],
      "accounts": [],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "quoteArgs"
            }
          }
        }
      ],
      "returns": {
        "defined": {
          "name": "quoteResult"
        }
      }
    },
    {
      "name": "resolveDispute",
      "docs": [
        "Dispute authority: settles a dispute (refund, payout), unlocks and optionally slashes the node."
      ],
      "discriminator": [
        231,
        6,
        202,
        6,
        96,
        103,
        12,
        230
      ],
      "accounts": [
        {
          "name": "disputeAuthority",
          "docs": [
            "Also pays for node_staking's slash record."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "docs": [
            "The escrow config: owner and discriminator checked by `Account`;",
            "`initialize` creates the only one (at its PDA), so no seeds here."
          ]
        },
        {
          "name": "rental",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program created for it; the token program checks it in the transfers."
          ],
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "providerTokens",
          "docs": [
            "(`check_payee` in the handler: MintMismatch, WrongProvider)."
          ],
          "writable": true
        },
        {
          "name": "renterTokens",
          "docs": [
            "(`check_payee` in the handler: MintMismatch, DestinationMismatch)."
          ],
          "writable": true
        },
        {
          "name": "treasury",
          "docs": [
            "payment mint (checked when initialize or update_config set it); the",
            "token program checks it again in the transfer."
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "paymentMint",
          "docs": [
            "read by `MintRef::load`, and the token program checks it again."
          ],
          "relations": [
            "config"
          ]
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "rental"
          ]
        },
        {
          "name": "stakingConfig",
          "writable": true
        },
        {
          "name": "rentalAuthority"
        },
        {
          "name": "stakingSpecTier",
          "optional": true
        },
        {
          "name": "slashRecord",
          "writable": true,
          "optional": true
        },
        {
          "name": "nodeVault",
          "writable": true,
          "optional": true
        },
        {
          "name": "stakingTreasury",
          "writable": true,
          "optional": true
        },
        {
          "name": "nodeStakingProgram",
          "docs": [
            "Needed for the CPI into node_staking even though no code reads it:",
            "the runtime finds the callee among the instruction's accounts."
          ],
          "address": "AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE"
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "systemProgram",
          "address": "11111111111111111111111111111111"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "resolveDisputeArgs"
            }
          }
        }
      ]
    },
    {
      "name": "setPaused",
      "docs": [
        "Admin: pauses or resumes new rentals and extensions."
      ],
      "discriminator": [
        91,
        60,
        125,
        192,
        176,
        225,
        166,
        218
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ]
    },
    {
      "name": "updateConfig",
      "docs": [
        "Admin: changes parameters, oracle settings and authorities (old/new events)."
      ],
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "accounts": [
        {
          "name": "admin",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config",
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  115,
                  99,
                  114,
                  111,
                  119,
                  95,
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "newTreasury",
          "docs": [
            "under its token program (`validate`: `TokenAccountView`, MintMismatch)."
          ],
          "optional": true
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateEscrowConfigArgs"
            }
          }
        }
      ]
    }
  ],
  "accounts": [
    {
      "name": "config",
      "discriminator": [
        155,
        12,
        170,
        224,
        30,
        250,
        204,
        130
      ]
    },
    {
      "name": "escrowConfig",
      "discriminator": [
        138,
        174,
        227,
        187,
        239,
        148,
        1,
        44
      ]
    },
    {
      "name": "node",
      "discriminator": [
        208,
        53,
        1,
        3,
        49,
        122,
        180,
        49
      ]
    },
    {
      "name": "rental",
      "discriminator": [
        121,
        83,
        229,
        235,
        73,
        50,
        143,
        184
      ]
    },
    {
      "name": "specTier",
      "discriminator": [
        85,
        176,
        3,
        109,
        3,
        14,
        223,
        162
      ]
    }
  ],
  "events": [
    {
      "name": "adminChanged",
      "discriminator": [
        232,
        34,
        31,
        226,
        62,
        18,
        19,
        114
      ]
    },
    {
      "name": "adminProposed",
      "discriminator": [
        129,
        249,
        226,
        227,
        199,
        82,
        110,
        243
      ]
    },
    {
      "name": "disputeOpened",
      "discriminator": [
        239,
        222,
        102,
        235,
        193,
        85,
        1,
        214
      ]
    },
    {
      "name": "disputeResolved",
      "discriminator": [
        121,
        64,
        249,
        153,
        139,
        128,
        236,
        187
      ]
    },
    {
      "name": "escrowConfigInitialized",
      "discriminator": [
        93,
        31,
        89,
        55,
        233,
        198,
        125,
        232
      ]
    },
    {
      "name": "escrowParamChanged",
      "discriminator": [
        46,
        141,
        105,
        85,
        179,
        211,
        5,
        32
      ]
    },
    {
      "name": "escrowRoleChanged",
      "discriminator": [
        136,
        93,
        12,
        38,
        183,
        39,
        32,
        67
      ]
    },
    {
      "name": "oracleFeedChanged",
      "discriminator": [
        178,
        47,
        83,
        98,
        97,
        122,
        193,
        197
      ]
    },
    {
      "name": "pausedChanged",
      "discriminator": [
        12,
        10,
        153,
        247,
        60,
        115,
        137,
        69
      ]
    },
    {
      "name": "rentalCancelled",
      "discriminator": [
        7,
        110,
        25,
        158,
        197,
        48,
        12,
        238
      ]
    },
    {
      "name": "rentalClaimed",
      "discriminator": [
        195,
        93,
        46,
        207,
        154,
        252,
        146,
        49
      ]
    },
    {
      "name": "rentalClosed",
      "discriminator": [
        77,
        252,
        165,
        5,
        168,
        29,
        237,
        40
      ]
    },
    {
      "name": "rentalCreated",
      "discriminator": [
        206,
        80,
        251,
        161,
        126,
        236,
        97,
        167
      ]
    },
    {
      "name": "rentalExtended",
      "discriminator": [
        153,
        32,
        84,
        40,
        30,
        35,
        246,
        79
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "invalidMaxPriceAge",
      "msg": "Maximum price age must be between 1 second and 1 hour (and at least 1 slot)"
    },
    {
      "code": 6001,
      "name": "invalidMaxConfidence",
      "msg": "Maximum confidence must be between 1 and 10000 basis points"
    },
    {
      "code": 6002,
      "name": "configInvariantViolated",
      "msg": "Config invariant violated"
    },
    {
      "code": 6003,
      "name": "unexpectedRemainingAccounts",
      "msg": "This instruction takes no remaining accounts"
    },
    {
      "code": 6004,
      "name": "invalidFee",
      "msg": "Reservation fee must be at most 1000 basis points"
    },
    {
      "code": 6005,
      "name": "invalidDisputeWindow",
      "msg": "Dispute window must be between 1 second and 30 days"
    },
    {
      "code": 6006,
      "name": "invalidDisputeTimeout",
      "msg": "Dispute timeout must be between 1 second and 90 days"
    },
    {
      "code": 6007,
      "name": "invalidHoldback",
      "msg": "Claim holdback must be at most 5000 basis points"
    },
    {
      "code": 6008,
      "name": "invalidRentalLimits",
      "msg": "Minimum rental must be 1 second to 90 days and the total cap between it and 365 days"
    },
    {
      "code": 6009,
      "name": "invalidEmaDivergence",
      "msg": "EMA divergence bound must be between 1 and 10000 basis points"
    },
    {
      "code": 6010,
      "name": "paused",
      "msg": "The escrow is paused"
    },
    {
      "code": 6011,
      "name": "unauthorized",
      "msg": "Signer is not the admin"
    },
    {
      "code": 6012,
      "name": "notUpgradeAuthority",
      "msg": "Signer is not the program's upgrade authority"
    },
    {
      "code": 6013,
      "name": "noPendingAdmin",
      "msg": "No admin handover is pending"
    },
    {
      "code": 6014,
      "name": "notPendingAdmin",
      "msg": "Signer is not the proposed admin"
    },
    {
      "code": 6015,
      "name": "paymentMintNotStakeMint",
      "msg": "Payment mint must be node_staking's stake mint, with its token program"
    },
    {
      "code": 6016,
      "name": "oracleProgramNotAllowed",
      "msg": "Oracle program is not an allowed Pyth program for this oracle kind"
    },
    {
      "code": 6017,
      "name": "wrongOracleAccount",
      "msg": "Price account is not the configured one"
    },
    {
      "code": 6018,
      "name": "wrongOracleOwner",
      "msg": "Price account is not owned by the configured oracle program"
    },
    {
      "code": 6019,
      "name": "invalidOracleData",
      "msg": "Price account data is not a valid Pyth price"
    },
    {
      "code": 6020,
      "name": "priceNotTrading",
      "msg": "Pyth price status is not Trading"
    },
    {
      "code": 6021,
      "name": "nonPositivePrice",
      "msg": "Oracle price is zero or negative"
    },
    {
      "code": 6022,
      "name": "stalePrice",
      "msg": "Oracle price is older than the maximum age"
    },
    {
      "code": 6023,
      "name": "futurePrice",
      "msg": "Oracle price is published in the future"
    },
    {
      "code": 6024,
      "name": "priceOlderThanLastUsed",
      "msg": "Oracle price is older than the one this rental last used"
    },
    {
      "code": 6025,
      "name": "priceConfidenceTooWide",
      "msg": "Oracle confidence interval is wider than the configured bound"
    },
    {
      "code": 6026,
      "name": "emaDivergence",
      "msg": "Oracle price is too far from its EMA price"
    },
    {
      "code": 6027,
      "name": "unsupportedExponent",
      "msg": "Oracle exponent or mint decimals are outside the supported range"
    },
    {
      "code": 6028,
      "name": "feedMismatch",
      "msg": "Price update is for another feed"
    },
    {
      "code": 6029,
      "name": "insufficientVerification",
      "msg": "Price update is not fully verified"
    },
    {
      "code": 6030,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6031,
      "name": "invalidDuration",
      "msg": "Rental duration is outside the configured minimum and 90 days"
    },
    {
      "code": 6032,
      "name": "rentalTooLong",
      "msg": "The rental's total length would exceed the configured cap"
    },
    {
      "code": 6033,
      "name": "tooManyExtensions",
      "msg": "A rental holds at most 8 purchased periods"
    },
    {
      "code": 6034,
      "name": "nodeNotRentable",
      "msg": "Node is not rentable (not Active, below its minimum stake, or its protocol is paused)"
    },
    {
      "code": 6035,
      "name": "unknownQosAddon",
      "msg": "Node does not offer the requested QoS add-on"
    },
    {
      "code": 6036,
      "name": "duplicateQosAddon",
      "msg": "A QoS add-on was requested twice"
    },
    {
      "code": 6037,
      "name": "slippageExceeded",
      "msg": "Cost in tokens exceeds the renter's max_tokens"
    },
    {
      "code": 6038,
      "name": "tooManyClusterLegs",
      "msg": "A cluster has at most 8 legs, all in one transaction"
    },
    {
      "code": 6039,
      "name": "clusterNeedsInstructions",
      "msg": "A cluster rental needs the instructions sysvar"
    },
    {
      "code": 6040,
      "name": "mintMismatch",
      "msg": "Token account is not for the payment mint"
    },
    {
      "code": 6041,
      "name": "tokenProgramMismatch",
      "msg": "Token program does not own the payment mint"
    },
    {
      "code": 6042,
      "name": "notRenter",
      "msg": "Signer is not the renter"
    },
    {
      "code": 6043,
      "name": "notProvider",
      "msg": "Signer is not the node's operator"
    },
    {
      "code": 6044,
      "name": "rentalNotActive",
      "msg": "Rental is not active"
    },
    {
      "code": 6045,
      "name": "rentalEnded",
      "msg": "Rental has already ended"
    },
    {
      "code": 6046,
      "name": "rentalDisputed",
      "msg": "Rental is under dispute"
    },
    {
      "code": 6047,
      "name": "nothingToClaim",
      "msg": "Nothing has accrued since the last claim"
    },
    {
      "code": 6048,
      "name": "rentalNotFinished",
      "msg": "Rental has not ended, or its dispute window is still open"
    },
    {
      "code": 6049,
      "name": "disputeWindowClosed",
      "msg": "The dispute window has closed"
    },
    {
      "code": 6050,
      "name": "notDisputed",
      "msg": "Rental is not under dispute"
    },
    {
      "code": 6051,
      "name": "notDisputeAuthority",
      "msg": "Signer is not the dispute authority"
    },
    {
      "code": 6052,
      "name": "invalidRefund",
      "msg": "Refund must be at most 10000 basis points"
    },
    {
      "code": 6053,
      "name": "slashAccountsMissing",
      "msg": "A slash needs the node_staking accounts"
    },
    {
      "code": 6054,
      "name": "wrongNode",
      "msg": "Node does not match the rental"
    },
    {
      "code": 6055,
      "name": "wrongTreasury",
      "msg": "Treasury is not the configured one"
    },
    {
      "code": 6056,
      "name": "wrongProvider",
      "msg": "Provider token account is not owned by the node's operator"
    },
    {
      "code": 6057,
      "name": "rentalInvariantViolated",
      "msg": "Rental invariant violated"
    },
    {
      "code": 6058,
      "name": "destinationMismatch",
      "msg": "Token account does not belong to the expected owner"
    },
    {
      "code": 6059,
      "name": "wrongVault",
      "msg": "Vault is not the rental's vault"
    },
    {
      "code": 6060,
      "name": "wrongRentalAuthority",
      "msg": "Rental authority is not this program's rental authority PDA"
    },
    {
      "code": 6061,
      "name": "wrongRentalAddress",
      "msg": "Rental is not the PDA of this renter and rental id"
    }
  ],
  "types": [
    {
      "name": "adminChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "old",
            "type": "pubkey"
          },
          {
            "name": "new",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "adminProposed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "proposed",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "config",
      "docs": [
        "The protocol configuration (one PDA, seeds `[CONFIG_SEED]`).",
        "",
        "Created only at this PDA (`init` in initialize), and only once; so an",
        "`Account<Config>` (owner + discriminator) is the config, and instructions do",
        "not re-derive its seeds (1,500 CU each).",
        "",
        "Read by every instruction, so read and written at fixed offsets",
        "(`crate::fixed_layout`, as the Node): what `#[account]` would generate",
        "comes from `fixed_layout_account!`; IDL builds derive `AnchorSerialize`",
        "as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "docs": [
              "Changes parameters and authorities, manages spec tiers, pauses."
            ],
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "Proposed next admin (two-step handover); `Pubkey::default()` when none."
            ],
            "type": "pubkey"
          },
          {
            "name": "stakeMint",
            "docs": [
              "The staking token (SPL Token or Token-2022 mint, no hostile extensions)."
            ],
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
            "docs": [
              "Token program that owns `stake_mint`."
            ],
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "docs": [
              "Token account (of `stake_mint`) that receives slashed stake."
            ],
            "type": "pubkey"
          },
          {
            "name": "slashAuthority",
            "docs": [
              "May slash nodes with evidence."
            ],
            "type": "pubkey"
          },
          {
            "name": "rewardAuthority",
            "docs": [
              "May credit availability rewards (and funds them)."
            ],
            "type": "pubkey"
          },
          {
            "name": "rentalAuthority",
            "docs": [
              "rental_escrow's PDA: locks/unlocks nodes for rentals and slashes on a",
              "resolved dispute. `Pubkey::default()` until the admin sets it."
            ],
            "type": "pubkey"
          },
          {
            "name": "minProviderStake",
            "docs": [
              "Smallest provider stake that makes a node Active, in base units (default 100 tokens)."
            ],
            "type": "u64"
          },
          {
            "name": "minDelegation",
            "docs": [
              "Smallest delegation, in base units."
            ],
            "type": "u64"
          },
          {
            "name": "maxSlashPerEpoch",
            "docs": [
              "Circuit breaker: most base units slashed in one protocol epoch."
            ],
            "type": "u64"
          },
          {
            "name": "slashEpoch",
            "docs": [
              "Protocol epoch that `slashed_in_epoch` counts."
            ],
            "type": "u64"
          },
          {
            "name": "slashedInEpoch",
            "docs": [
              "Base units slashed so far in `slash_epoch`."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingSeconds",
            "docs": [
              "Seconds between an unstake/undelegate request and the withdrawal it unlocks."
            ],
            "type": "u32"
          },
          {
            "name": "epochSeconds",
            "docs": [
              "Length of a protocol epoch in seconds (epoch = unix_timestamp / epoch_seconds)."
            ],
            "type": "u32"
          },
          {
            "name": "minUptimeBps",
            "docs": [
              "Attested uptime below this (basis points) earns nothing and counts as a low epoch."
            ],
            "type": "u16"
          },
          {
            "name": "maxLowEpochs",
            "docs": [
              "Consecutive low epochs that jail a node."
            ],
            "type": "u8"
          },
          {
            "name": "nodesRegistered",
            "docs": [
              "Nodes ever registered; each node stores its number as `incarnation`,",
              "so a node re-registered at the same address is told apart from the",
              "closed one (delegations of the closed node cannot touch the new one)."
            ],
            "type": "u64"
          },
          {
            "name": "paused",
            "docs": [
              "When true, inflows, new unbonding requests, reward credits and claims,",
              "and new rental locks fail. Slashes, matured withdrawals, settlement,",
              "closing empty accounts and admin instructions stay available."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA."
            ],
            "type": "u8"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for future fields; always zero."
            ],
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "createRentalArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rentalId",
            "docs": [
              "Renter-chosen id, unique per renter."
            ],
            "type": "u64"
          },
          {
            "name": "durationSeconds",
            "docs": [
              "Seconds (the config's minimum ..= 90 days, and within the total cap)."
            ],
            "type": "u64"
          },
          {
            "name": "qosAddonIds",
            "docs": [
              "Ids of the node's QoS add-ons to include (at most 4, distinct)."
            ],
            "type": "bytes"
          },
          {
            "name": "maxTokens",
            "docs": [
              "Slippage guard: the most base units (escrow + renter fee) the renter pays."
            ],
            "type": "u64"
          },
          {
            "name": "clusterId",
            "docs": [
              "Groups rentals created together in this transaction (0 = none); at",
              "most `MAX_CLUSTER_LEGS` create_rental instructions of this renter in",
              "the transaction may carry the same id."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "disputeOpened",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "renter",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "disputeResolved",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "refund",
            "type": "u64"
          },
          {
            "name": "payout",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "paidUntil",
            "docs": [
              "Service was paid until this time (the dispute, or later if the",
              "resolution says the renter kept using the node)."
            ],
            "type": "i64"
          },
          {
            "name": "slashed",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "disputeSlash",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "evidenceHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "slashReason"
              }
            }
          },
          {
            "name": "fractionBps",
            "docs": [
              "Fraction of the node's slashable stake, basis points."
            ],
            "type": "u16"
          },
          {
            "name": "renterShareBps",
            "docs": [
              "Part of the slash paid to the renter, basis points."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "escrowConfig",
      "docs": [
        "The escrow configuration (one PDA, seeds `[ESCROW_CONFIG_SEED]`).",
        "Only `initialize` creates one (Anchor `init` at that PDA, so at most one",
        "exists): an account owned by this program with this discriminator is the",
        "config, and the rental instructions check no seeds for it.",
        "",
        "The money rules a rental depends on (fees, holdback, dispute window and",
        "timeout) are copied into the rental when it is created, so changing them",
        "here never touches running rentals.",
        "",
        "Read on every instruction, so read and written at fixed offsets",
        "(`node_staking::fixed_layout`, as the Rental): what `#[account]` would",
        "generate comes from `fixed_layout_account!`; IDL builds derive",
        "`AnchorSerialize` as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "docs": [
              "Changes parameters and pauses new rentals."
            ],
            "type": "pubkey"
          },
          {
            "name": "pendingAdmin",
            "docs": [
              "Proposed next admin (two-step handover); `Pubkey::default()` when none."
            ],
            "type": "pubkey"
          },
          {
            "name": "paymentMint",
            "docs": [
              "The token rentals are paid in: node_staking's stake mint."
            ],
            "type": "pubkey"
          },
          {
            "name": "tokenProgram",
            "docs": [
              "Token program that owns `payment_mint`."
            ],
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "docs": [
              "Receives reservation fees (a token account of `payment_mint`)."
            ],
            "type": "pubkey"
          },
          {
            "name": "disputeAuthority",
            "docs": [
              "Resolves disputes (refunds, slashes)."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracleKind",
            "type": {
              "defined": {
                "name": "oracleKind"
              }
            }
          },
          {
            "name": "oracleProgram",
            "docs": [
              "Owner program of the price account: the Pyth receiver (pull) or a",
              "legacy Pyth oracle program; checked against `OracleKind::allows_owner`."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracleAccount",
            "docs": [
              "PythLegacy: the pinned price account. PythPull: the pinned",
              "sponsored price-feed account, or `Pubkey::default()` to accept any",
              "fully verified update for `feed_id`."
            ],
            "type": "pubkey"
          },
          {
            "name": "feedId",
            "docs": [
              "PythPull: the pinned feed id. PythLegacy: unused (zero)."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "maxPriceAgeSeconds",
            "docs": [
              "Largest accepted age of the oracle price, in seconds."
            ],
            "type": "u32"
          },
          {
            "name": "maxPriceAgeSlots",
            "docs": [
              "Largest accepted age of a legacy price's aggregate, in slots."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "Widest accepted confidence interval, in basis points of the price."
            ],
            "type": "u16"
          },
          {
            "name": "maxEmaDivergenceBps",
            "docs": [
              "Largest distance between the spot and the EMA price, in basis points of the EMA."
            ],
            "type": "u16"
          },
          {
            "name": "reservationFeeBps",
            "docs": [
              "Reservation fee charged to the renter (on top) and to the provider",
              "(from each payout), in basis points."
            ],
            "type": "u16"
          },
          {
            "name": "claimHoldbackBps",
            "docs": [
              "Share of accrued tokens provider claims leave in escrow until the",
              "rental closes, in basis points."
            ],
            "type": "u16"
          },
          {
            "name": "disputeWindowSeconds",
            "docs": [
              "Seconds after a rental's end during which its renter may dispute it."
            ],
            "type": "u32"
          },
          {
            "name": "disputeTimeoutSeconds",
            "docs": [
              "Seconds an open dispute waits for the dispute authority before anyone",
              "party to the rental may close it with the default outcome."
            ],
            "type": "u32"
          },
          {
            "name": "minRentalSeconds",
            "docs": [
              "Shortest rental or extension, in seconds."
            ],
            "type": "u32"
          },
          {
            "name": "maxTotalRentalSeconds",
            "docs": [
              "Longest total rental (creation plus extensions), in seconds."
            ],
            "type": "u32"
          },
          {
            "name": "paused",
            "docs": [
              "When true, new rentals and extensions fail; claims, refunds, cancels, disputes and closes still work."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA."
            ],
            "type": "u8"
          },
          {
            "name": "rentalAuthorityBump",
            "docs": [
              "Bump of the rental-authority PDA."
            ],
            "type": "u8"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for future fields; always zero."
            ],
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "escrowConfigInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "paymentMint",
            "type": "pubkey"
          },
          {
            "name": "oracleProgram",
            "type": "pubkey"
          },
          {
            "name": "maxPriceAgeSeconds",
            "docs": [
              "Seconds."
            ],
            "type": "u32"
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "Basis points of the price."
            ],
            "type": "u16"
          },
          {
            "name": "reservationFeeBps",
            "docs": [
              "Basis points, each side."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "escrowParam",
      "docs": [
        "A numeric escrow parameter changed."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "maxPriceAgeSeconds"
          },
          {
            "name": "maxConfidenceBps"
          },
          {
            "name": "reservationFeeBps"
          },
          {
            "name": "disputeWindowSeconds"
          },
          {
            "name": "maxPriceAgeSlots"
          },
          {
            "name": "maxEmaDivergenceBps"
          },
          {
            "name": "claimHoldbackBps"
          },
          {
            "name": "disputeTimeoutSeconds"
          },
          {
            "name": "minRentalSeconds"
          },
          {
            "name": "maxTotalRentalSeconds"
          }
        ]
      }
    },
    {
      "name": "escrowParamChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "param",
            "type": {
              "defined": {
                "name": "escrowParam"
              }
            }
          },
          {
            "name": "old",
            "type": "u64"
          },
          {
            "name": "new",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "escrowRole",
      "docs": [
        "An account or authority the escrow config points at."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "disputeAuthority"
          },
          {
            "name": "treasury"
          },
          {
            "name": "oracleProgram"
          },
          {
            "name": "oracleAccount"
          }
        ]
      }
    },
    {
      "name": "escrowRoleChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "role",
            "type": {
              "defined": {
                "name": "escrowRole"
              }
            }
          },
          {
            "name": "old",
            "type": "pubkey"
          },
          {
            "name": "new",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "extendRentalArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "extraSeconds",
            "docs": [
              "Extra seconds (the config's minimum ..= 90 days, within the total cap)."
            ],
            "type": "u64"
          },
          {
            "name": "maxTokens",
            "docs": [
              "Slippage guard on the extra tokens plus fee."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "initializeArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "oracleKind",
            "type": {
              "defined": {
                "name": "oracleKind"
              }
            }
          },
          {
            "name": "oracleProgram",
            "docs": [
              "Owner program of the price account: the Pyth receiver (pull) or a",
              "legacy Pyth oracle program (build-time allow-list)."
            ],
            "type": "pubkey"
          },
          {
            "name": "oracleAccount",
            "docs": [
              "PythLegacy: the pinned price account. PythPull: the sponsored",
              "price-feed account, or `Pubkey::default()` for any posted update."
            ],
            "type": "pubkey"
          },
          {
            "name": "feedId",
            "docs": [
              "PythPull: the feed id."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "disputeAuthority",
            "docs": [
              "Resolves disputes."
            ],
            "type": "pubkey"
          },
          {
            "name": "maxPriceAgeSeconds",
            "docs": [
              "Seconds; `None` = 60."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "Basis points of the price; `None` = 200 (2 %)."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "reservationFeeBps",
            "docs": [
              "Basis points, each side; `None` = 25 (0.25 %)."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "disputeWindowSeconds",
            "docs": [
              "Seconds; `None` = 1 day."
            ],
            "type": {
              "option": "u32"
            }
          }
        ]
      }
    },
    {
      "name": "node",
      "docs": [
        "A GPU node (PDA `[NODE_SEED, operator, node_id]`) with its stake pools.",
        "",
        "Token accounting (all in base units of the stake mint): the node's vault",
        "holds at least",
        "`provider_stake + provider_unbonding + pool_tokens + unbonding_tokens + reward_reserve`.",
        "",
        "Reward ledger (see `invariant`): `reward_reserve` is split into the",
        "operator's `operator_rewards` and the delegators' part. Delegators'",
        "entitlements are kept exactly, in base units × `REWARD_SCALE`",
        "(\"scaled\"), in `delegator_rewards_owed`; what a credit could not spread",
        "over the shares waits in `reward_remainder` for the next credit.",
        "",
        "Created only at its PDA `[NODE_SEED, operator, node_id]` (`init` in",
        "register_node), and `operator`/`node_id` never change; so an",
        "`Account<Node>` (owner + discriminator) is the node of those seeds, and",
        "instructions do not re-derive them (1,500 CU each).",
        "",
        "What `#[account]` would generate comes from `fixed_layout_account!` (discriminator",
        "`sha256(\"account:Node\")[..8]`, owner, Borsh layout) so that, outside IDL",
        "builds, the node is read and written at fixed offsets",
        "(`crate::fixed_layout`): one length check and one copy instead of a",
        "check and a `sol_memcpy` per field. IDL builds derive `AnchorSerialize`",
        "as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "nodeId",
            "docs": [
              "Operator-chosen id, unique per operator."
            ],
            "type": "u64"
          },
          {
            "name": "vault",
            "docs": [
              "The node's vault (PDA `[VAULT_SEED, node]`, authority = this node)."
            ],
            "type": "pubkey"
          },
          {
            "name": "specTier",
            "type": "u16"
          },
          {
            "name": "gpuCount",
            "type": "u16"
          },
          {
            "name": "region",
            "type": {
              "defined": {
                "name": "region"
              }
            }
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "nodeStatus"
              }
            }
          },
          {
            "name": "priceMicroUsdPerHour",
            "docs": [
              "Base rental price in micro-USD per hour."
            ],
            "type": "u64"
          },
          {
            "name": "qosAddons",
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "qosAddon"
                  }
                },
                4
              ]
            }
          },
          {
            "name": "commissionBps",
            "docs": [
              "Operator's share of the delegators' rewards, in basis points."
            ],
            "type": "u16"
          },
          {
            "name": "pendingCommissionBps",
            "docs": [
              "Scheduled commission, applied once `commission_effective_at` has passed."
            ],
            "type": "u16"
          },
          {
            "name": "commissionEffectiveAt",
            "docs": [
              "Unix time the pending commission takes effect; 0 when none is scheduled."
            ],
            "type": "i64"
          },
          {
            "name": "activeRentals",
            "docs": [
              "Rentals currently running on this node (maintained by rental_escrow)."
            ],
            "type": "u32"
          },
          {
            "name": "consecutiveLowEpochs",
            "docs": [
              "Low-uptime epochs in a row (a gap between credited epochs restarts the count)."
            ],
            "type": "u8"
          },
          {
            "name": "rewardedUntil",
            "docs": [
              "Unix time up to which epochs have been credited (the end of the last",
              "credited epoch). Kept in seconds, so a change of the epoch length can",
              "neither re-credit time nor block crediting."
            ],
            "type": "i64"
          },
          {
            "name": "providerStake",
            "docs": [
              "Provider's active stake."
            ],
            "type": "u64"
          },
          {
            "name": "providerUnbonding",
            "docs": [
              "Provider stake waiting for `provider_unbonding_ready_at` (still slashable)."
            ],
            "type": "u64"
          },
          {
            "name": "providerUnbondingReadyAt",
            "type": "i64"
          },
          {
            "name": "poolTokens",
            "docs": [
              "Active delegated tokens and the shares that claim them."
            ],
            "type": "u64"
          },
          {
            "name": "poolShares",
            "type": "u64"
          },
          {
            "name": "poolGeneration",
            "docs": [
              "Generation of the active pool: a slash that empties it starts a new",
              "one, and shares of older generations are worth nothing."
            ],
            "type": "u32"
          },
          {
            "name": "unbondingTokens",
            "docs": [
              "Undelegated tokens waiting out the unbonding period (still slashable)."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingShares",
            "type": "u64"
          },
          {
            "name": "unbondingGeneration",
            "docs": [
              "Generation of the unbonding pool (as `pool_generation`)."
            ],
            "type": "u32"
          },
          {
            "name": "accRewardPerShare",
            "docs": [
              "Delegator rewards per active share, × REWARD_SCALE. Only grows."
            ],
            "type": "u128"
          },
          {
            "name": "wipedAcc",
            "docs": [
              "`acc_reward_per_share` when generation `g` of the active pool was",
              "wiped: where shares of generation `g` stop earning."
            ],
            "type": {
              "array": [
                "u128",
                4
              ]
            }
          },
          {
            "name": "stalePoolShares",
            "docs": [
              "Shares of wiped generations whose delegations have not settled yet."
            ],
            "type": "u64"
          },
          {
            "name": "rewardRemainder",
            "docs": [
              "Delegators' rewards credited but not yet spread over shares, scaled."
            ],
            "type": "u128"
          },
          {
            "name": "delegatorRewardsOwed",
            "docs": [
              "Everything delegators can still claim, scaled: settled pending",
              "rewards × REWARD_SCALE, their sub-unit carries, and what shares have",
              "earned since their last settlement."
            ],
            "type": "u128"
          },
          {
            "name": "delegatorPending",
            "docs": [
              "Sum of the delegations' settled `pending_rewards`, in base units."
            ],
            "type": "u64"
          },
          {
            "name": "rewardReserve",
            "docs": [
              "Rewards funded and not yet claimed (operator's + delegators' + dust)."
            ],
            "type": "u64"
          },
          {
            "name": "operatorRewards",
            "docs": [
              "Of `reward_reserve`, the operator's claimable rewards."
            ],
            "type": "u64"
          },
          {
            "name": "totalSlashed",
            "docs": [
              "Base units slashed from this node over its life."
            ],
            "type": "u64"
          },
          {
            "name": "registeredAt",
            "docs": [
              "Unix time of registration."
            ],
            "type": "i64"
          },
          {
            "name": "incarnation",
            "docs": [
              "The config's `nodes_registered` when this node was registered."
            ],
            "type": "u64"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA and of its vault."
            ],
            "type": "u8"
          },
          {
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for future fields; always zero."
            ],
            "type": {
              "array": [
                "u8",
                64
              ]
            }
          }
        ]
      }
    },
    {
      "name": "nodeStatus",
      "docs": [
        "Life cycle of a node."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "pending"
          },
          {
            "name": "active"
          },
          {
            "name": "jailed"
          },
          {
            "name": "exiting"
          }
        ]
      }
    },
    {
      "name": "oracleFeedChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "old",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "new",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "pull",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "oracleKind",
      "docs": [
        "Which Pyth account format prices rentals."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "pythLegacy"
          },
          {
            "name": "pythPull"
          }
        ]
      }
    },
    {
      "name": "oracleSettings",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "kind",
            "type": {
              "defined": {
                "name": "oracleKind"
              }
            }
          },
          {
            "name": "program",
            "type": "pubkey"
          },
          {
            "name": "account",
            "type": "pubkey"
          },
          {
            "name": "feedId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "pausedChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "old",
            "type": "bool"
          },
          {
            "name": "new",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "qosAddon",
      "docs": [
        "A priced quality-of-service option (e.g. dedicated bandwidth, SLA tier)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "id",
            "docs": [
              "Operator-chosen id, unique within the node; 0 marks an unused slot."
            ],
            "type": "u8"
          },
          {
            "name": "priceMicroUsdPerHour",
            "docs": [
              "Extra price in micro-USD per hour (1 USD = 1 000 000)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "quoteArgs",
      "docs": [
        "Inputs of a quote: the same numbers `create_rental` uses."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "durationSeconds",
            "type": "u64"
          },
          {
            "name": "rateMicroUsdPerHour",
            "type": "u64"
          },
          {
            "name": "price",
            "type": "i64"
          },
          {
            "name": "conf",
            "type": "u64"
          },
          {
            "name": "expo",
            "type": "i32"
          },
          {
            "name": "decimals",
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "quoteResult",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "costMicroUsd",
            "docs": [
              "micro-USD, rounded up."
            ],
            "type": "u128"
          },
          {
            "name": "tokens",
            "docs": [
              "Base units at the conservative price (price − conf), rounded up."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "region",
      "docs": [
        "Where a node's hardware is."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "americas"
          },
          {
            "name": "europe"
          },
          {
            "name": "asia"
          },
          {
            "name": "other"
          }
        ]
      }
    },
    {
      "name": "rental",
      "docs": [
        "One rental of one node (PDA `[RENTAL_SEED, renter, rental_id]`).",
        "",
        "Token accounting (base units of the payment mint): the vault holds",
        "`deposited + renter_fees − claimed − fees_collected − refunded −",
        "fees_refunded + fees_held` (plus anything donated to it, which goes to",
        "the renter at close). Fees stay in the vault until the rental is settled",
        "for good (resolve_dispute or close_rental), which pays the treasury once.",
        "",
        "Only `create_rental` creates a Rental, and only at this PDA, so an account",
        "owned by this program with Rental's discriminator is a rental at its PDA:",
        "later instructions check owner and discriminator (`Account`) and bind the",
        "other accounts to it with `has_one`, without re-deriving the seeds.",
        "",
        "What `#[account]` would generate comes from `fixed_layout_account!` (discriminator",
        "`sha256(\"account:Rental\")[..8]`, owner, Borsh layout) so that, outside",
        "IDL builds, the Rental is serialised into one buffer and written with",
        "one copy: Anchor writes a `mut` account back through one `sol_memcpy`",
        "per Borsh write (~60 for a Rental, ~2,200 CU on every instruction that",
        "writes one). IDL builds derive `AnchorSerialize` as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "renter",
            "type": "pubkey"
          },
          {
            "name": "rentalId",
            "type": "u64"
          },
          {
            "name": "node",
            "docs": [
              "The node_staking Node rented, and its operator (the provider) at creation."
            ],
            "type": "pubkey"
          },
          {
            "name": "provider",
            "type": "pubkey"
          },
          {
            "name": "clusterId",
            "docs": [
              "Rentals created together in one transaction share it (0 = none)."
            ],
            "type": "u64"
          },
          {
            "name": "vault",
            "docs": [
              "The rental's token vault (PDA `[RENTAL_VAULT_SEED, rental]`)."
            ],
            "type": "pubkey"
          },
          {
            "name": "qosAddonIds",
            "docs": [
              "QoS add-on ids chosen (0 = unused slot)."
            ],
            "type": {
              "array": [
                "u8",
                4
              ]
            }
          },
          {
            "name": "rateMicroUsdPerHour",
            "docs": [
              "Node price + chosen add-ons at the last purchase, micro-USD per hour."
            ],
            "type": "u64"
          },
          {
            "name": "price",
            "docs": [
              "The oracle price of the last purchase, with its confidence, exponent",
              "and publish time (an extension may not use an older one)."
            ],
            "type": "i64"
          },
          {
            "name": "conf",
            "type": "u64"
          },
          {
            "name": "expo",
            "type": "i32"
          },
          {
            "name": "publishTime",
            "type": "i64"
          },
          {
            "name": "startTs",
            "docs": [
              "Unix time the rental started."
            ],
            "type": "i64"
          },
          {
            "name": "endTs",
            "docs": [
              "End of service: the last period's end, or the cancel time, or (once",
              "a dispute is settled) the time service was paid until."
            ],
            "type": "i64"
          },
          {
            "name": "periods",
            "docs": [
              "Purchased periods, in order; `period_count` of them are used."
            ],
            "type": {
              "array": [
                {
                  "defined": {
                    "name": "rentalPeriod"
                  }
                },
                8
              ]
            }
          },
          {
            "name": "periodCount",
            "type": "u8"
          },
          {
            "name": "reservationFeeBps",
            "docs": [
              "Money rules in force when the rental was created (config changes do",
              "not reach running rentals): fee each side, claim holdback, dispute",
              "window after `end_ts`, and how long a dispute may wait."
            ],
            "type": "u16"
          },
          {
            "name": "claimHoldbackBps",
            "type": "u16"
          },
          {
            "name": "disputeWindowSeconds",
            "type": "u32"
          },
          {
            "name": "disputeTimeoutSeconds",
            "type": "u32"
          },
          {
            "name": "deposited",
            "docs": [
              "Tokens escrowed for service in total (sum of the periods' tokens)."
            ],
            "type": "u64"
          },
          {
            "name": "renterFees",
            "docs": [
              "Renter fees escrowed in total (sum of the periods' fees)."
            ],
            "type": "u64"
          },
          {
            "name": "claimed",
            "docs": [
              "Tokens settled to the provider side (payouts + provider fees)."
            ],
            "type": "u64"
          },
          {
            "name": "feesCollected",
            "docs": [
              "Renter fees settled to the treasury (set at the final settlement)."
            ],
            "type": "u64"
          },
          {
            "name": "refunded",
            "docs": [
              "Tokens returned to the renter."
            ],
            "type": "u64"
          },
          {
            "name": "feesRefunded",
            "docs": [
              "Renter fees returned to the renter."
            ],
            "type": "u64"
          },
          {
            "name": "status",
            "type": {
              "defined": {
                "name": "rentalStatus"
              }
            }
          },
          {
            "name": "disputedAt",
            "docs": [
              "Unix time the dispute was opened (0 if never); accrual stops there."
            ],
            "type": "i64"
          },
          {
            "name": "nodeLocked",
            "docs": [
              "True while this rental counts in the node's `active_rentals`."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "type": "u8"
          },
          {
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "name": "feesHeld",
            "docs": [
              "Provider-side fees of the claims so far (part of `claimed`), kept in",
              "the vault for the treasury until the final settlement pays them."
            ],
            "type": "u64"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for future fields; always zero."
            ],
            "type": {
              "array": [
                "u8",
                24
              ]
            }
          }
        ]
      }
    },
    {
      "name": "rentalCancelled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "refund",
            "docs": [
              "Returned to the renter: unserved tokens and their fees."
            ],
            "type": "u64"
          },
          {
            "name": "accrued",
            "docs": [
              "Tokens accrued to the provider up to the cancellation."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rentalClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "payout",
            "docs": [
              "Paid to the provider."
            ],
            "type": "u64"
          },
          {
            "name": "feeHeld",
            "docs": [
              "The provider-side fee on this claim, held in the vault for the",
              "treasury (paid with the renter fees at the final settlement, whose",
              "event's `fee` includes it: sum `fee` of settlements, not this)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rentalClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "payout",
            "docs": [
              "To the provider, to the treasury, back to the renter."
            ],
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "refund",
            "type": "u64"
          },
          {
            "name": "surplus",
            "docs": [
              "Tokens in the vault beyond the accounting (donations), returned to the renter."
            ],
            "type": "u64"
          },
          {
            "name": "disputeExpired",
            "docs": [
              "True when an expired dispute was settled with the default outcome."
            ],
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "rentalCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "renter",
            "type": "pubkey"
          },
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "clusterId",
            "type": "u64"
          },
          {
            "name": "rateMicroUsdPerHour",
            "type": "u64"
          },
          {
            "name": "startTs",
            "type": "i64"
          },
          {
            "name": "endTs",
            "type": "i64"
          },
          {
            "name": "tokens",
            "docs": [
              "Base units escrowed, and the renter's fee on top."
            ],
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "price",
            "type": "i64"
          },
          {
            "name": "expo",
            "type": "i32"
          },
          {
            "name": "publishTime",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "rentalExtended",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "rental",
            "type": "pubkey"
          },
          {
            "name": "endTs",
            "docs": [
              "The new period: its end, tokens and renter fee (both escrowed)."
            ],
            "type": "i64"
          },
          {
            "name": "tokens",
            "type": "u64"
          },
          {
            "name": "fee",
            "type": "u64"
          },
          {
            "name": "rateMicroUsdPerHour",
            "docs": [
              "The node's rate now (micro-USD per hour) and the price used."
            ],
            "type": "u64"
          },
          {
            "name": "price",
            "type": "i64"
          },
          {
            "name": "expo",
            "type": "i32"
          },
          {
            "name": "publishTime",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "rentalPeriod",
      "docs": [
        "One purchase of rental time. Period `k` runs from the end of period",
        "`k − 1` (period 0 from `Rental::start_ts`) to `end_ts`; its tokens and",
        "fee accrue linearly over it, each rounded down."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "endTs",
            "docs": [
              "Unix time this period ends."
            ],
            "type": "i64"
          },
          {
            "name": "tokens",
            "docs": [
              "Tokens escrowed for it (base units), at the price of its purchase."
            ],
            "type": "u64"
          },
          {
            "name": "fee",
            "docs": [
              "Renter fee escrowed with it (base units); the treasury earns it as",
              "the period is served, and a cancel refunds the unserved part."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "rentalStatus",
      "docs": [
        "Where a rental is in its life."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "active"
          },
          {
            "name": "disputed"
          },
          {
            "name": "cancelled"
          },
          {
            "name": "resolved"
          }
        ]
      }
    },
    {
      "name": "resolveDisputeArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "refundBps",
            "docs": [
              "Share of the tokens accrued for service (claimed or not) returned to",
              "the renter, basis points; paid from what the provider has not claimed",
              "(at least the rental's holdback of it)."
            ],
            "type": "u16"
          },
          {
            "name": "payAfterDispute",
            "docs": [
              "The renter kept using the node after disputing: pay service until",
              "now (at most the end) instead of until the dispute."
            ],
            "type": "bool"
          },
          {
            "name": "slash",
            "docs": [
              "Optional slash of the node through node_staking."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "disputeSlash"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "slashReason",
      "docs": [
        "Why a node was slashed."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "dataLeak"
          },
          {
            "name": "qosFailure"
          },
          {
            "name": "other"
          }
        ]
      }
    },
    {
      "name": "specTier",
      "docs": [
        "A hardware spec tier (PDA `[SPEC_TIER_SEED, tier_id]`), managed by the admin.",
        "",
        "Created only at this PDA (`init` in create_spec_tier), and `tier_id` is its seed and never changes; so an",
        "`Account<SpecTier>` (owner + discriminator) is the tier of its `tier_id`",
        "(`tier_id == node.spec_tier` binds it to a node), and instructions do",
        "not re-derive its seeds (1,500 CU each).",
        "",
        "Read at fixed offsets (`crate::fixed_layout`, as the Config): what",
        "`#[account]` would generate comes from `fixed_layout_account!`; IDL",
        "builds derive `AnchorSerialize` as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tierId",
            "type": "u16"
          },
          {
            "name": "name",
            "docs": [
              "UTF-8 name, zero-padded (e.g. \"H100-80GB\")."
            ],
            "type": {
              "array": [
                "u8",
                24
              ]
            }
          },
          {
            "name": "maxNodeStake",
            "docs": [
              "Cap on provider + delegated stake of one node, in base units.",
              "Lowering it never confiscates: it only blocks new inflows above it."
            ],
            "type": "u64"
          },
          {
            "name": "minProviderStake",
            "docs": [
              "Tier minimum provider stake in base units; the node needs",
              "max(config minimum, this). 0 = only the config minimum."
            ],
            "type": "u64"
          },
          {
            "name": "maxDelegatedBps",
            "docs": [
              "Largest share of a node's (provider + delegated) stake that may be",
              "delegated, in basis points (io.net caps co-stake at 5 000)."
            ],
            "type": "u16"
          },
          {
            "name": "active",
            "docs": [
              "New nodes may register in this tier."
            ],
            "type": "bool"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA."
            ],
            "type": "u8"
          },
          {
            "name": "reserved",
            "docs": [
              "Reserved for future fields; always zero."
            ],
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ]
      }
    },
    {
      "name": "updateEscrowConfigArgs",
      "docs": [
        "Each `Some` field replaces the current value; every change emits its old and new value."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxPriceAgeSeconds",
            "docs": [
              "Seconds (1 ..= 3 600)."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "maxPriceAgeSlots",
            "docs": [
              "Slots (≥ 1); legacy prices only."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "maxConfidenceBps",
            "docs": [
              "Basis points (1 ..= 10 000)."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "maxEmaDivergenceBps",
            "docs": [
              "Basis points of the EMA (1 ..= 10 000)."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "reservationFeeBps",
            "docs": [
              "Basis points (≤ 1 000); applies to rentals created afterwards."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "claimHoldbackBps",
            "docs": [
              "Basis points (≤ 5 000); applies to rentals created afterwards."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "disputeWindowSeconds",
            "docs": [
              "Seconds (1 ..= 30 days); applies to rentals created afterwards."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "disputeTimeoutSeconds",
            "docs": [
              "Seconds (1 ..= 90 days); applies to rentals created afterwards."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "minRentalSeconds",
            "docs": [
              "Seconds (1 ..= 90 days), for new rentals and extensions."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "maxTotalRentalSeconds",
            "docs": [
              "Seconds (≥ the minimum, ≤ 365 days), for new rentals and extensions."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "disputeAuthority",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "docs": [
              "New oracle: kind, owner program, pinned account (legacy) and feed id (pull)."
            ],
            "type": {
              "option": {
                "defined": {
                  "name": "oracleSettings"
                }
              }
            }
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "defaultClaimHoldbackBps",
      "docs": [
        "Default share of accrued tokens a provider's claims leave in escrow until",
        "the rental closes, so a dispute can refund it, in basis points (10 %)."
      ],
      "type": "u16",
      "value": "1000"
    },
    {
      "name": "defaultDisputeTimeoutSeconds",
      "docs": [
        "Default time an open dispute waits for the dispute authority before",
        "anyone may settle it with the default outcome, in seconds: 7 days."
      ],
      "type": "u32",
      "value": "604800"
    },
    {
      "name": "defaultDisputeWindowSeconds",
      "docs": [
        "Default time after a rental's end during which the renter may open a dispute, in seconds."
      ],
      "type": "u32",
      "value": "86400"
    },
    {
      "name": "defaultMaxConfidenceBps",
      "docs": [
        "Default widest accepted confidence interval, in basis points of the price."
      ],
      "type": "u16",
      "value": "200"
    },
    {
      "name": "defaultMaxEmaDivergenceBps",
      "docs": [
        "Default largest distance of the spot price from the EMA price, in basis points (5 %)."
      ],
      "type": "u16",
      "value": "500"
    },
    {
      "name": "defaultMaxPriceAgeSeconds",
      "docs": [
        "Default largest accepted age of a price, in seconds."
      ],
      "type": "u32",
      "value": "60"
    },
    {
      "name": "defaultMaxPriceAgeSlots",
      "docs": [
        "Default largest age of a legacy price's aggregate, in slots (60 s at 400 ms)."
      ],
      "type": "u32",
      "value": "150"
    },
    {
      "name": "defaultMaxTotalRentalSeconds",
      "docs": [
        "Default cap on a rental's total length (creation plus every extension), in seconds: 90 days."
      ],
      "type": "u32",
      "value": "7776000"
    },
    {
      "name": "defaultMinRentalSeconds",
      "docs": [
        "Default shortest rental or extension, in seconds."
      ],
      "type": "u32",
      "value": "60"
    },
    {
      "name": "defaultReservationFeeBps",
      "docs": [
        "Default reservation fee charged to each side (io.net: 0.25 %), in basis points."
      ],
      "type": "u16",
      "value": "25"
    },
    {
      "name": "escrowConfigSeed",
      "docs": [
        "Seed of the escrow config PDA: `[ESCROW_CONFIG_SEED]`."
      ],
      "type": "bytes",
      "value": "[101, 115, 99, 114, 111, 119, 95, 99, 111, 110, 102, 105, 103]"
    },
    {
      "name": "maxClusterLegs",
      "docs": [
        "Most create_rental legs of one cluster in one transaction (the most that",
        "fit in a v0 transaction with an address lookup table)."
      ],
      "type": "u8",
      "value": "8"
    },
    {
      "name": "maxRentalPeriods",
      "docs": [
        "Most purchased periods in one rental (the creation and up to 7 extensions)."
      ],
      "type": "u8",
      "value": "8"
    },
    {
      "name": "maxRentalSeconds",
      "docs": [
        "Longest single purchase (a rental or one extension), in seconds: 90 days."
      ],
      "type": "u64",
      "value": "7776000"
    },
    {
      "name": "rentalAuthoritySeed",
      "docs": [
        "Seed of this program's signer PDA, registered in node_staking as its",
        "rental authority: `[RENTAL_AUTHORITY_SEED]`."
      ],
      "type": "bytes",
      "value": "[114, 101, 110, 116, 97, 108, 95, 97, 117, 116, 104, 111, 114, 105, 116, 121]"
    },
    {
      "name": "rentalSeed",
      "docs": [
        "Seed of a rental PDA: `[RENTAL_SEED, renter, rental_id (u64 LE)]`."
      ],
      "type": "bytes",
      "value": "[114, 101, 110, 116, 97, 108]"
    },
    {
      "name": "rentalVaultSeed",
      "docs": [
        "Seed of a rental's token vault: `[RENTAL_VAULT_SEED, rental]`; authority = the rental PDA."
      ],
      "type": "bytes",
      "value": "[114, 101, 110, 116, 97, 108, 95, 118, 97, 117, 108, 116]"
    }
  ]
};
