/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/node_staking.json`.
 */
export type NodeStaking = {
  "address": "AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE",
  "metadata": {
    "name": "nodeStaking",
    "version": "0.1.0",
    "spec": "0.1.0",
    "description": "GPU-compute DePIN: provider staking, delegation, availability rewards and slashing"
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
          "docs": [
            "Must be the proposed admin."
          ],
          "signer": true
        },
        {
          "name": "config",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "claimOperatorRewards",
      "docs": [
        "Operator: claims the operator's rewards."
      ],
      "discriminator": [
        20,
        132,
        60,
        194,
        2,
        74,
        20,
        33
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "destination",
          "docs": [
            "(`check_destination` in the handler: MintMismatch), not the vault."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "claimRewards",
      "docs": [
        "Delegator (or anyone, to the delegator's account): claims settled rewards."
      ],
      "discriminator": [
        4,
        144,
        132,
        71,
        116,
        23,
        151,
        80
      ],
      "accounts": [
        {
          "name": "signer",
          "docs": [
            "The delegator, or anyone paying out to a token account the delegator",
            "owns (so an operator winding a node down need not wait for them)."
          ],
          "signer": true
        },
        {
          "name": "delegator",
          "docs": [
            "`has_one = delegator`."
          ],
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "delegation",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "destination",
          "docs": [
            "the delegator signs, else one the delegator owns",
            "(`check_destination`: MintMismatch, DestinationNotOwned), not the vault."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "closeDelegation",
      "docs": [
        "Delegator: closes an empty delegation (also after close_node) and takes back its rent."
      ],
      "discriminator": [
        41,
        110,
        46,
        165,
        0,
        109,
        193,
        193
      ],
      "accounts": [
        {
          "name": "delegator",
          "docs": [
            "Receives the delegation's rent."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "node",
          "docs": [
            "live Node of the delegation's incarnation, the handler loads it",
            "(owner checked there, discriminator by `try_deserialize`) and requires",
            "the delegation to be empty; otherwise the node was closed, which",
            "requires every delegation to be empty already."
          ],
          "writable": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "delegation",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "closeNode",
      "docs": [
        "Operator: closes a node that owes nothing; vault dust to the treasury, rent back."
      ],
      "discriminator": [
        19,
        61,
        232,
        69,
        247,
        135,
        255,
        107
      ],
      "accounts": [
        {
          "name": "operator",
          "docs": [
            "Receives the rent of the node and of its vault."
          ],
          "writable": true,
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "`TokenAccountView` for what it holds."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "(donations, rounding remainders): the config's treasury (`has_one`);",
            "the token program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "closeSlashRecord",
      "docs": [
        "Anyone, after the retention period: closes a slash record, rent to its payer."
      ],
      "discriminator": [
        199,
        61,
        29,
        4,
        213,
        91,
        190,
        191
      ],
      "accounts": [
        {
          "name": "signer",
          "signer": true
        },
        {
          "name": "payer",
          "writable": true
        },
        {
          "name": "slashRecord",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "createSpecTier",
      "docs": [
        "Admin: creates a hardware spec tier with its stake cap."
      ],
      "discriminator": [
        5,
        43,
        21,
        18,
        160,
        141,
        114,
        121
      ],
      "accounts": [
        {
          "name": "admin",
          "writable": true,
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier",
          "docs": [
            "Created here at the address of these seeds; creating it fails",
            "(\"already in use\") if the tier exists."
          ],
          "writable": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  115,
                  112,
                  101,
                  99,
                  95,
                  116,
                  105,
                  101,
                  114
                ]
              },
              {
                "kind": "arg",
                "path": "args.tier_id"
              }
            ]
          }
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
              "name": "createSpecTierArgs"
            }
          }
        }
      ]
    },
    {
      "name": "creditRewards",
      "docs": [
        "Reward authority: credits (and funds) a node's epoch by attested uptime."
      ],
      "discriminator": [
        183,
        212,
        85,
        232,
        158,
        33,
        154,
        150
      ],
      "accounts": [
        {
          "name": "rewardAuthority",
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "source",
          "docs": [
            "account of the stake mint (`token_account_mint`); the token program",
            "checks the reward authority owns them."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
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
              "name": "creditRewardsArgs"
            }
          }
        }
      ]
    },
    {
      "name": "delegate",
      "docs": [
        "Holder: delegates tokens to an Active node for pool shares."
      ],
      "discriminator": [
        90,
        147,
        75,
        178,
        85,
        88,
        4,
        137
      ],
      "accounts": [
        {
          "name": "delegator",
          "writable": true,
          "signer": true
        },
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "delegation",
          "docs": [
            "handler on the first delegation, at the canonical PDA",
            "`[DELEGATION_SEED, node, delegator]` (checked there, `ConstraintSeeds`);",
            "afterwards loaded by the handler: owner (this program), discriminator",
            "(`try_deserialize`) and its stored `node` and `delegator`",
            "(`DelegationMismatch`), which only the PDA of those seeds can hold."
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "delegatorTokens",
          "docs": [
            "(`token_account_mint`); the token program checks the delegator owns them."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
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
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "initialize",
      "docs": [
        "Creates the protocol config; the signer (the program's upgrade authority) becomes the admin."
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
            "Pays for the config account and becomes the admin (and, until",
            "changed, the slash and reward authority). Must be the program's",
            "upgrade authority, so nobody can initialise a fresh deployment first."
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
                  138,
                  67,
                  255,
                  9,
                  15,
                  118,
                  68,
                  145,
                  158,
                  175,
                  32,
                  200,
                  223,
                  60,
                  68,
                  97,
                  89,
                  169,
                  69,
                  143,
                  59,
                  163,
                  18,
                  42,
                  226,
                  8,
                  160,
                  187,
                  147,
                  14,
                  66,
                  177
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
          "name": "stakeMint",
          "docs": [
            "The staking token; owner checked by `InterfaceAccount`, extensions in `validate`."
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "under its token program (`validate`: `TokenAccountView`,",
            "TreasuryMintMismatch)."
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
      "name": "lockNode",
      "docs": [
        "Rental authority: marks a rental started on the node."
      ],
      "discriminator": [
        207,
        23,
        71,
        41,
        195,
        151,
        103,
        204
      ],
      "accounts": [
        {
          "name": "rentalAuthority",
          "docs": [
            "rental_escrow's PDA, signing by CPI."
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier",
          "docs": [
            "The node's tier: its minimum decides whether the node is Active."
          ]
        },
        {
          "name": "node",
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
          "writable": true
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
      "name": "refreshNode",
      "docs": [
        "Anyone: re-evaluates a node's status against its stake and the current minimums."
      ],
      "discriminator": [
        15,
        82,
        236,
        227,
        90,
        88,
        137,
        117
      ],
      "accounts": [
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "registerNode",
      "docs": [
        "Operator: registers a node (Pending until staked) and its vault."
      ],
      "discriminator": [
        102,
        85,
        117,
        114,
        194,
        188,
        211,
        168
      ],
      "accounts": [
        {
          "name": "operator",
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "docs": [
            "Counts registrations (the node's `incarnation`)."
          ],
          "writable": true
        },
        {
          "name": "specTier",
          "docs": [
            "Any tier (owner + discriminator: created only at its PDA)."
          ]
        },
        {
          "name": "node",
          "docs": [
            "`[NODE_SEED, operator, node_id]` (`ConstraintSeeds` otherwise; \"already",
            "in use\" if the node exists), as Anchor's `init` did."
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "`[VAULT_SEED, node]` and initialised as a token account of the stake",
            "mint owned by the node PDA, as Anchor's `init` with `token::` did."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
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
              "name": "registerNodeArgs"
            }
          }
        }
      ]
    },
    {
      "name": "requestUnstake",
      "docs": [
        "Operator: starts unbonding provider stake."
      ],
      "discriminator": [
        44,
        154,
        110,
        253,
        160,
        202,
        54,
        34
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "setCommission",
      "docs": [
        "Operator: schedules a commission change one unbonding period ahead."
      ],
      "discriminator": [
        193,
        212,
        22,
        184,
        185,
        232,
        22,
        187
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "commissionBps",
          "type": "u16"
        }
      ]
    },
    {
      "name": "setPaused",
      "docs": [
        "Admin: pauses or resumes the protocol."
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
          "writable": true
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
      "name": "settleDelegation",
      "docs": [
        "Anyone: settles a delegation's rewards and drops shares of a wiped pool generation."
      ],
      "discriminator": [
        179,
        212,
        57,
        132,
        185,
        243,
        133,
        89
      ],
      "accounts": [
        {
          "name": "signer",
          "docs": [
            "Anyone: settling only moves the delegator's own rewards into its",
            "pending balance and drops shares that are worth nothing."
          ],
          "signer": true
        },
        {
          "name": "delegator",
          "docs": [
            "`has_one = delegator`."
          ],
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "delegation",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "slash",
      "docs": [
        "Slash or rental authority: slashes a node with evidence (O(1); also while paused)."
      ],
      "discriminator": [
        204,
        141,
        18,
        161,
        8,
        177,
        92,
        142
      ],
      "accounts": [
        {
          "name": "authority",
          "docs": [
            "The slash authority, or rental_escrow's rental authority (a PDA signing",
            "by CPI on a resolved dispute)."
          ],
          "signer": true
        },
        {
          "name": "payer",
          "docs": [
            "Pays for the slash record (any signer; the dispute authority on a dispute)."
          ],
          "writable": true,
          "signer": true
        },
        {
          "name": "config",
          "writable": true
        },
        {
          "name": "specTier",
          "docs": [
            "The node's tier (its minimum decides the status after the slash)."
          ]
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "slashRecord",
          "docs": [
            "`[SLASH_SEED, node, evidence_hash]` (`ConstraintSeeds` otherwise);",
            "creating it fails (\"already in use\") if this evidence was already used."
          ],
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "treasury",
          "docs": [
            "program checks its mint in the transfer."
          ],
          "writable": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "renterTokens",
          "docs": [
            "to them: a token account of the stake mint (`validate`:",
            "`check_destination`, MintMismatch), not the vault."
          ],
          "writable": true,
          "optional": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
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
              "name": "slashArgs"
            }
          }
        }
      ]
    },
    {
      "name": "stake",
      "docs": [
        "Operator: adds provider stake (activates the node at the minimum)."
      ],
      "discriminator": [
        206,
        176,
        202,
        18,
        200,
        209,
        179,
        108
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "operatorTokens",
          "docs": [
            "(`token_account_mint`); the token program checks the operator owns them."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ]
    },
    {
      "name": "undelegate",
      "docs": [
        "Delegator (or anyone, for all shares, once the provider has no stake): moves shares into unbonding."
      ],
      "discriminator": [
        131,
        148,
        180,
        198,
        91,
        104,
        42,
        238
      ],
      "accounts": [
        {
          "name": "signer",
          "docs": [
            "The delegator; or anyone, for all of the shares, once the node's",
            "provider has no active stake left (see `validate`)."
          ],
          "signer": true
        },
        {
          "name": "delegator",
          "docs": [
            "`has_one = delegator`."
          ],
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "delegation",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "shares",
          "type": "u64"
        }
      ]
    },
    {
      "name": "unjailNode",
      "docs": [
        "Admin: releases a jailed node (also while paused)."
      ],
      "discriminator": [
        180,
        243,
        193,
        95,
        130,
        101,
        164,
        156
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
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "unlockNode",
      "docs": [
        "Rental authority: marks a rental ended on the node."
      ],
      "discriminator": [
        227,
        64,
        134,
        148,
        164,
        18,
        177,
        61
      ],
      "accounts": [
        {
          "name": "rentalAuthority",
          "docs": [
            "rental_escrow's PDA, signing by CPI."
          ],
          "signer": true,
          "relations": [
            "config"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": []
    },
    {
      "name": "updateConfig",
      "docs": [
        "Admin: changes parameters and authorities (each change emits old/new)."
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
          "writable": true
        },
        {
          "name": "newTreasury",
          "docs": [
            "its token program (`validate`: `TokenAccountView`, TreasuryMintMismatch)."
          ],
          "optional": true
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateConfigArgs"
            }
          }
        }
      ]
    },
    {
      "name": "updatePricing",
      "docs": [
        "Operator: sets the node's USD price and QoS add-ons."
      ],
      "discriminator": [
        157,
        225,
        208,
        150,
        23,
        153,
        253,
        18
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updatePricingArgs"
            }
          }
        }
      ]
    },
    {
      "name": "updateSpecTier",
      "docs": [
        "Admin: changes a spec tier (a lower cap blocks inflows, never confiscates)."
      ],
      "discriminator": [
        162,
        208,
        32,
        38,
        96,
        111,
        4,
        219
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
          "name": "config"
        },
        {
          "name": "specTier",
          "writable": true
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateSpecTierArgs"
            }
          }
        }
      ]
    },
    {
      "name": "withdrawUndelegated",
      "docs": [
        "Delegator (or anyone, to the delegator's account): withdraws matured unbonding."
      ],
      "discriminator": [
        4,
        194,
        232,
        131,
        218,
        38,
        211,
        166
      ],
      "accounts": [
        {
          "name": "signer",
          "docs": [
            "The delegator, or anyone paying out to a token account the delegator",
            "owns (so an operator winding a node down need not wait for them)."
          ],
          "signer": true
        },
        {
          "name": "delegator",
          "docs": [
            "`has_one = delegator`."
          ],
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "node",
          "writable": true,
          "relations": [
            "delegation"
          ]
        },
        {
          "name": "delegation",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "destination",
          "docs": [
            "the delegator signs, else one the delegator owns",
            "(`check_destination`: MintMismatch, DestinationNotOwned), not the vault."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
    },
    {
      "name": "withdrawUnstaked",
      "docs": [
        "Operator: withdraws matured unbonding provider stake."
      ],
      "discriminator": [
        19,
        202,
        68,
        255,
        216,
        40,
        205,
        61
      ],
      "accounts": [
        {
          "name": "operator",
          "signer": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "config"
        },
        {
          "name": "specTier"
        },
        {
          "name": "node",
          "writable": true
        },
        {
          "name": "vault",
          "docs": [
            "program checks it in the transfer."
          ],
          "writable": true,
          "relations": [
            "node"
          ]
        },
        {
          "name": "destination",
          "docs": [
            "mint (`check_destination` in the handler: MintMismatch), not the vault."
          ],
          "writable": true
        },
        {
          "name": "stakeMint",
          "relations": [
            "config"
          ]
        },
        {
          "name": "tokenProgram"
        }
      ],
      "args": []
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
      "name": "delegation",
      "discriminator": [
        237,
        90,
        140,
        159,
        124,
        255,
        243,
        80
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
      "name": "slashRecord",
      "discriminator": [
        107,
        134,
        175,
        65,
        150,
        130,
        94,
        68
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
      "name": "commissionChangeScheduled",
      "discriminator": [
        30,
        158,
        160,
        137,
        234,
        146,
        246,
        4
      ]
    },
    {
      "name": "configInitialized",
      "discriminator": [
        181,
        49,
        200,
        156,
        19,
        167,
        178,
        91
      ]
    },
    {
      "name": "configParamChanged",
      "discriminator": [
        136,
        43,
        77,
        139,
        69,
        193,
        120,
        176
      ]
    },
    {
      "name": "configRoleChanged",
      "discriminator": [
        99,
        252,
        224,
        132,
        198,
        235,
        212,
        242
      ]
    },
    {
      "name": "delegated",
      "discriminator": [
        52,
        201,
        7,
        194,
        24,
        79,
        100,
        159
      ]
    },
    {
      "name": "delegationClosed",
      "discriminator": [
        225,
        66,
        187,
        107,
        192,
        71,
        85,
        138
      ]
    },
    {
      "name": "delegationSettled",
      "discriminator": [
        118,
        156,
        81,
        237,
        111,
        131,
        217,
        120
      ]
    },
    {
      "name": "nodeClosed",
      "discriminator": [
        191,
        85,
        142,
        188,
        15,
        189,
        76,
        109
      ]
    },
    {
      "name": "nodePricingUpdated",
      "discriminator": [
        23,
        4,
        246,
        110,
        212,
        100,
        122,
        65
      ]
    },
    {
      "name": "nodeRegistered",
      "discriminator": [
        15,
        57,
        183,
        59,
        93,
        55,
        157,
        195
      ]
    },
    {
      "name": "nodeRentalLockChanged",
      "discriminator": [
        48,
        227,
        126,
        168,
        21,
        152,
        4,
        204
      ]
    },
    {
      "name": "nodeStatusChanged",
      "discriminator": [
        143,
        68,
        203,
        216,
        160,
        96,
        161,
        166
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
      "name": "rewardsClaimed",
      "discriminator": [
        75,
        98,
        88,
        18,
        219,
        112,
        88,
        121
      ]
    },
    {
      "name": "rewardsCredited",
      "discriminator": [
        199,
        88,
        44,
        169,
        191,
        178,
        63,
        58
      ]
    },
    {
      "name": "slashRecordClosed",
      "discriminator": [
        147,
        188,
        151,
        99,
        192,
        225,
        246,
        218
      ]
    },
    {
      "name": "slashed",
      "discriminator": [
        98,
        59,
        249,
        154,
        233,
        53,
        98,
        194
      ]
    },
    {
      "name": "specTierCreated",
      "discriminator": [
        11,
        137,
        46,
        80,
        173,
        13,
        172,
        149
      ]
    },
    {
      "name": "specTierUpdated",
      "discriminator": [
        186,
        245,
        110,
        116,
        244,
        51,
        154,
        39
      ]
    },
    {
      "name": "staked",
      "discriminator": [
        11,
        146,
        45,
        205,
        230,
        58,
        213,
        240
      ]
    },
    {
      "name": "undelegated",
      "discriminator": [
        207,
        179,
        100,
        125,
        238,
        150,
        136,
        31
      ]
    },
    {
      "name": "undelegationWithdrawn",
      "discriminator": [
        70,
        156,
        148,
        108,
        126,
        228,
        154,
        18
      ]
    },
    {
      "name": "unstakeRequested",
      "discriminator": [
        21,
        253,
        177,
        85,
        129,
        206,
        42,
        152
      ]
    },
    {
      "name": "unstakeWithdrawn",
      "discriminator": [
        229,
        15,
        35,
        180,
        1,
        18,
        16,
        19
      ]
    }
  ],
  "errors": [
    {
      "code": 6000,
      "name": "invalidUnbondingPeriod",
      "msg": "Unbonding period must be between 1 second and 365 days"
    },
    {
      "code": 6001,
      "name": "invalidMinProviderStake",
      "msg": "Minimum provider stake must be greater than zero"
    },
    {
      "code": 6002,
      "name": "mathOverflow",
      "msg": "Arithmetic overflow"
    },
    {
      "code": 6003,
      "name": "configInvariantViolated",
      "msg": "Config invariant violated"
    },
    {
      "code": 6004,
      "name": "unexpectedRemainingAccounts",
      "msg": "This instruction takes no remaining accounts"
    },
    {
      "code": 6005,
      "name": "invalidEpochLength",
      "msg": "Epoch length must be at least 1 second"
    },
    {
      "code": 6006,
      "name": "invalidBps",
      "msg": "Basis points must be between 0 and 10000"
    },
    {
      "code": 6007,
      "name": "invalidMaxLowEpochs",
      "msg": "Consecutive low epochs before jailing must be at least 1"
    },
    {
      "code": 6008,
      "name": "invalidMinDelegation",
      "msg": "Minimum delegation must be greater than zero"
    },
    {
      "code": 6009,
      "name": "invalidSlashLimit",
      "msg": "Per-epoch slash limit must be greater than zero"
    },
    {
      "code": 6010,
      "name": "unsupportedMintDecimals",
      "msg": "Stake mint decimals must be 12 or fewer"
    },
    {
      "code": 6011,
      "name": "unsupportedMintExtension",
      "msg": "Stake mint has a Token-2022 extension the protocol does not accept (transfer fee, permanent delegate, transfer hook, default frozen, ...)"
    },
    {
      "code": 6012,
      "name": "treasuryMintMismatch",
      "msg": "Treasury token account is not for the stake mint"
    },
    {
      "code": 6013,
      "name": "tokenProgramMismatch",
      "msg": "Token program does not own the stake mint"
    },
    {
      "code": 6014,
      "name": "paused",
      "msg": "The protocol is paused"
    },
    {
      "code": 6015,
      "name": "unauthorized",
      "msg": "Signer is not the admin"
    },
    {
      "code": 6016,
      "name": "noPendingAdmin",
      "msg": "No admin handover is pending"
    },
    {
      "code": 6017,
      "name": "notPendingAdmin",
      "msg": "Signer is not the proposed admin"
    },
    {
      "code": 6018,
      "name": "invalidTierName",
      "msg": "Spec tier name must be 1 to 24 bytes of UTF-8"
    },
    {
      "code": 6019,
      "name": "invalidTierCap",
      "msg": "Spec tier cap must be positive and at most u64::MAX / 1000 base units"
    },
    {
      "code": 6020,
      "name": "tierInactive",
      "msg": "Spec tier is not accepting new nodes"
    },
    {
      "code": 6021,
      "name": "invalidGpuCount",
      "msg": "GPU count must be between 1 and 1024"
    },
    {
      "code": 6022,
      "name": "tooManyQosAddons",
      "msg": "A node offers at most 4 QoS add-ons"
    },
    {
      "code": 6023,
      "name": "duplicateQosAddon",
      "msg": "QoS add-on ids must be unique"
    },
    {
      "code": 6024,
      "name": "invalidPrice",
      "msg": "Price must be greater than zero"
    },
    {
      "code": 6025,
      "name": "invalidCommission",
      "msg": "Commission must be at most 10000 basis points"
    },
    {
      "code": 6026,
      "name": "notNodeOperator",
      "msg": "Signer is not the node's operator"
    },
    {
      "code": 6027,
      "name": "zeroAmount",
      "msg": "Amount must be greater than zero"
    },
    {
      "code": 6028,
      "name": "nodeCapExceeded",
      "msg": "Stake would exceed the node's spec-tier cap"
    },
    {
      "code": 6029,
      "name": "delegationShareExceeded",
      "msg": "Delegated stake would exceed the tier's share of the node's stake"
    },
    {
      "code": 6030,
      "name": "belowMinimumWithActiveRentals",
      "msg": "Provider stake cannot drop below the minimum while the node has active rentals"
    },
    {
      "code": 6031,
      "name": "insufficientStake",
      "msg": "Amount exceeds the provider's active stake"
    },
    {
      "code": 6032,
      "name": "nothingToWithdraw",
      "msg": "Nothing is unbonding"
    },
    {
      "code": 6033,
      "name": "unbondingNotElapsed",
      "msg": "The unbonding period has not ended"
    },
    {
      "code": 6034,
      "name": "selfDelegation",
      "msg": "A node's operator cannot delegate to it"
    },
    {
      "code": 6035,
      "name": "nodeNotActive",
      "msg": "Node is not active"
    },
    {
      "code": 6036,
      "name": "nodeJailed",
      "msg": "Node is jailed"
    },
    {
      "code": 6037,
      "name": "belowMinimumDelegation",
      "msg": "Delegation is below the minimum"
    },
    {
      "code": 6038,
      "name": "poolWipedOut",
      "msg": "The node's delegation pool was slashed to zero and accepts no new stake"
    },
    {
      "code": 6039,
      "name": "insufficientShares",
      "msg": "Not enough delegation shares"
    },
    {
      "code": 6040,
      "name": "nothingToClaim",
      "msg": "No rewards to claim"
    },
    {
      "code": 6041,
      "name": "rewardEpochInFuture",
      "msg": "Cannot credit a future epoch"
    },
    {
      "code": 6042,
      "name": "rewardAlreadyCredited",
      "msg": "Rewards for this epoch (or a later one) were already credited"
    },
    {
      "code": 6043,
      "name": "invalidUptime",
      "msg": "Uptime must be at most 10000 basis points"
    },
    {
      "code": 6044,
      "name": "notSlashAuthority",
      "msg": "Signer is neither the slash authority nor the rental authority"
    },
    {
      "code": 6045,
      "name": "invalidSlashFraction",
      "msg": "Slash fraction must be between 1 and 10000 basis points"
    },
    {
      "code": 6046,
      "name": "renterAccountRequired",
      "msg": "A renter share needs the renter's token account"
    },
    {
      "code": 6047,
      "name": "slashLimitExceeded",
      "msg": "Slash would exceed the per-epoch circuit breaker"
    },
    {
      "code": 6048,
      "name": "notRentalAuthority",
      "msg": "Signer is not the rental authority"
    },
    {
      "code": 6049,
      "name": "noActiveRentals",
      "msg": "Node has no active rentals"
    },
    {
      "code": 6050,
      "name": "nodeNotJailed",
      "msg": "Node is not jailed"
    },
    {
      "code": 6051,
      "name": "vaultMismatch",
      "msg": "Token account is not the node's vault"
    },
    {
      "code": 6052,
      "name": "mintMismatch",
      "msg": "Token account is not for the stake mint"
    },
    {
      "code": 6053,
      "name": "nodeInvariantViolated",
      "msg": "Node invariant violated"
    },
    {
      "code": 6054,
      "name": "delegationMismatch",
      "msg": "Delegation does not belong to this node and delegator"
    },
    {
      "code": 6055,
      "name": "rewardAccountMismatch",
      "msg": "Reward source is not a token account of the stake mint"
    },
    {
      "code": 6056,
      "name": "destinationIsVault",
      "msg": "Destination cannot be the node's own vault"
    },
    {
      "code": 6057,
      "name": "delegationNotEmpty",
      "msg": "Delegation still has shares, unbonding shares or rewards"
    },
    {
      "code": 6058,
      "name": "nodeNotEmpty",
      "msg": "Node still holds stake, delegations, unbonding, rewards or rentals"
    },
    {
      "code": 6059,
      "name": "wrongTreasury",
      "msg": "Token account is not the configured treasury"
    },
    {
      "code": 6060,
      "name": "notUpgradeAuthority",
      "msg": "Signer is not the program's upgrade authority"
    },
    {
      "code": 6061,
      "name": "mintHasFreezeAuthority",
      "msg": "Stake mint has a freeze authority, which could freeze the node vaults"
    },
    {
      "code": 6062,
      "name": "destinationNotOwned",
      "msg": "Someone other than the delegator may pay out only to a token account the delegator owns"
    },
    {
      "code": 6063,
      "name": "notPermissionless",
      "msg": "Only the delegator may do this while the node's provider still has stake"
    },
    {
      "code": 6064,
      "name": "undelegationTooSmall",
      "msg": "Shares are worth less than one base unit; undelegate more or all of them"
    },
    {
      "code": 6065,
      "name": "slashRecordRetained",
      "msg": "The slash record is still within its retention period"
    },
    {
      "code": 6066,
      "name": "tierCapBelowMinimum",
      "msg": "Spec tier cap is below the minimum provider stake (the tier's or the config's)"
    },
    {
      "code": 6067,
      "name": "tierMismatch",
      "msg": "Spec tier account is not the node's tier"
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
      "name": "commissionChangeScheduled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "oldBps",
            "type": "u16"
          },
          {
            "name": "newBps",
            "type": "u16"
          },
          {
            "name": "effectiveAt",
            "docs": [
              "Unix time it takes effect."
            ],
            "type": "i64"
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
      "name": "configInitialized",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "stakeMint",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "name": "minProviderStake",
            "docs": [
              "Base units."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingSeconds",
            "docs": [
              "Seconds."
            ],
            "type": "u32"
          }
        ]
      }
    },
    {
      "name": "configParam",
      "docs": [
        "A numeric config parameter changed."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "minProviderStake"
          },
          {
            "name": "minDelegation"
          },
          {
            "name": "maxSlashPerEpoch"
          },
          {
            "name": "unbondingSeconds"
          },
          {
            "name": "epochSeconds"
          },
          {
            "name": "minUptimeBps"
          },
          {
            "name": "maxLowEpochs"
          }
        ]
      }
    },
    {
      "name": "configParamChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "param",
            "type": {
              "defined": {
                "name": "configParam"
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
      "name": "configRole",
      "docs": [
        "An authority or account the config points at."
      ],
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "slashAuthority"
          },
          {
            "name": "rewardAuthority"
          },
          {
            "name": "rentalAuthority"
          },
          {
            "name": "treasury"
          }
        ]
      }
    },
    {
      "name": "configRoleChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "role",
            "type": {
              "defined": {
                "name": "configRole"
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
      "name": "createSpecTierArgs",
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
              "1 to 24 bytes of UTF-8, e.g. \"H100-80GB\"."
            ],
            "type": "string"
          },
          {
            "name": "maxNodeStake",
            "docs": [
              "Base units."
            ],
            "type": "u64"
          },
          {
            "name": "minProviderStake",
            "docs": [
              "Base units; 0 = only the config minimum."
            ],
            "type": "u64"
          },
          {
            "name": "maxDelegatedBps",
            "docs": [
              "Basis points (≤ 10 000)."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "creditRewardsArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "epoch",
            "docs": [
              "Protocol epoch (unix_timestamp / epoch_seconds) being credited; must be",
              "past every epoch already credited and not in the future."
            ],
            "type": "u64"
          },
          {
            "name": "uptimeBps",
            "docs": [
              "Attested uptime in basis points (≤ 10 000)."
            ],
            "type": "u16"
          },
          {
            "name": "amount",
            "docs": [
              "Base units funded from `source` (ignored for a low epoch)."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "delegated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "shares",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "delegation",
      "docs": [
        "One holder's delegation to one node (PDA `[DELEGATION_SEED, node, delegator]`).",
        "",
        "Created only at this PDA (`init` in delegate), and `node` and `delegator` are its seeds and never change; so an",
        "`Account<Delegation>` (owner + discriminator) is the delegation of its `node` and",
        "`delegator` (`has_one = node, has_one = delegator` binds it), and instructions do",
        "not re-derive its seeds (1,500 CU each).",
        "",
        "Read and written at fixed offsets (`crate::fixed_layout`), as the Node:",
        "what `#[account]` would generate comes from `fixed_layout_account!`; IDL builds derive",
        "`AnchorSerialize` as `#[account]` does."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          },
          {
            "name": "nodeIncarnation",
            "docs": [
              "The node's `incarnation` this delegation belongs to. A node closed and",
              "registered again at the same address has a new one; a delegation of",
              "the closed node holds nothing (close_node requires it) and is reset."
            ],
            "type": "u64"
          },
          {
            "name": "shares",
            "docs": [
              "Shares of the node's active pool, of generation `pool_generation`."
            ],
            "type": "u64"
          },
          {
            "name": "poolGeneration",
            "type": "u32"
          },
          {
            "name": "rewardCheckpoint",
            "docs": [
              "The node's `acc_reward_per_share` at the last settlement."
            ],
            "type": "u128"
          },
          {
            "name": "rewardCarry",
            "docs": [
              "Settled rewards below one base unit, in base units × REWARD_SCALE",
              "(always < REWARD_SCALE); they count towards the next settlement."
            ],
            "type": "u64"
          },
          {
            "name": "pendingRewards",
            "docs": [
              "Rewards settled and not yet claimed, in base units."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingShares",
            "docs": [
              "Shares of the node's unbonding pool (still slashable), of generation",
              "`unbonding_generation`."
            ],
            "type": "u64"
          },
          {
            "name": "unbondingGeneration",
            "type": "u32"
          },
          {
            "name": "unbondingReadyAt",
            "docs": [
              "Unix time from which the unbonding shares can be withdrawn."
            ],
            "type": "i64"
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
      "name": "delegationClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "delegationSettled",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          },
          {
            "name": "shares",
            "docs": [
              "Active shares after settling (0 when they were of a wiped generation)."
            ],
            "type": "u64"
          },
          {
            "name": "pendingRewards",
            "docs": [
              "Settled rewards waiting to be claimed, base units."
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
            "name": "minProviderStake",
            "docs": [
              "Base units; `None` = 100 whole tokens (100 × 10^decimals)."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "unbondingSeconds",
            "docs": [
              "Seconds; `None` = 14 days."
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
      "name": "nodeClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "sweptToTreasury",
            "docs": [
              "Vault tokens no balance accounted for, sent to the treasury."
            ],
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "nodePricingUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "oldPriceMicroUsdPerHour",
            "type": "u64"
          },
          {
            "name": "newPriceMicroUsdPerHour",
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
          }
        ]
      }
    },
    {
      "name": "nodeRegistered",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "operator",
            "type": "pubkey"
          },
          {
            "name": "nodeId",
            "type": "u64"
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
            "name": "priceMicroUsdPerHour",
            "type": "u64"
          },
          {
            "name": "commissionBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "nodeRentalLockChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "activeRentals",
            "type": "u32"
          },
          {
            "name": "locked",
            "type": "bool"
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
      "name": "nodeStatusChanged",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "old",
            "type": {
              "defined": {
                "name": "nodeStatus"
              }
            }
          },
          {
            "name": "new",
            "type": {
              "defined": {
                "name": "nodeStatus"
              }
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
      "name": "registerNodeArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "nodeId",
            "docs": [
              "Operator-chosen id, unique per operator."
            ],
            "type": "u64"
          },
          {
            "name": "gpuCount",
            "docs": [
              "1 ..= 1024."
            ],
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
            "name": "priceMicroUsdPerHour",
            "docs": [
              "Micro-USD per hour (> 0)."
            ],
            "type": "u64"
          },
          {
            "name": "qosAddons",
            "docs": [
              "Up to 4 priced QoS add-ons with distinct non-zero ids."
            ],
            "type": {
              "vec": {
                "defined": {
                  "name": "qosAddon"
                }
              }
            }
          },
          {
            "name": "commissionBps",
            "docs": [
              "Operator's share of delegator rewards, basis points (≤ 10 000)."
            ],
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "rewardsClaimed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "claimant",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "operator",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "rewardsCredited",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "epoch",
            "type": "u64"
          },
          {
            "name": "uptimeBps",
            "type": "u16"
          },
          {
            "name": "amount",
            "docs": [
              "Base units funded (0 for a low epoch)."
            ],
            "type": "u64"
          },
          {
            "name": "toOperator",
            "type": "u64"
          },
          {
            "name": "toDelegators",
            "type": "u64"
          },
          {
            "name": "lowEpoch",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "slashArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "evidenceHash",
            "docs": [
              "Hash of the off-chain evidence; a second slash with the same hash fails."
            ],
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
              "Fraction of the node's total slashable stake (provider + delegated +",
              "unbonding), in basis points (1 ..= 10 000)."
            ],
            "type": "u16"
          },
          {
            "name": "renterShareBps",
            "docs": [
              "Part of the slashed amount sent to the harmed renter, in basis points",
              "(0 ..= 10 000); needs `renter_tokens`."
            ],
            "type": "u16"
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
      "name": "slashRecord",
      "docs": [
        "One slash (PDA `[SLASH_SEED, node, evidence_hash]`); its existence makes a",
        "replay of the same evidence fail.",
        "",
        "Created only at this PDA (`init` in slash), and `node` and `evidence_hash` are its seeds; so an",
        "`Account<SlashRecord>` (owner + discriminator) is the record of its seeds, and instructions do",
        "not re-derive its seeds (1,500 CU each)."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "evidenceHash",
            "docs": [
              "Hash of the off-chain evidence."
            ],
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
              "Requested fraction of the node's total stake, in basis points."
            ],
            "type": "u16"
          },
          {
            "name": "amount",
            "docs": [
              "Base units taken in total (provider + delegated + unbonding)."
            ],
            "type": "u64"
          },
          {
            "name": "toRenter",
            "docs": [
              "Of `amount`, base units sent to the harmed renter (the rest to the treasury)."
            ],
            "type": "u64"
          },
          {
            "name": "authority",
            "docs": [
              "The authority that signed (slash or rental authority)."
            ],
            "type": "pubkey"
          },
          {
            "name": "payer",
            "docs": [
              "Paid the record's rent; gets it back when the record is closed."
            ],
            "type": "pubkey"
          },
          {
            "name": "slashedAt",
            "docs": [
              "Unix time of the slash."
            ],
            "type": "i64"
          },
          {
            "name": "bump",
            "docs": [
              "Bump of this PDA."
            ],
            "type": "u8"
          }
        ]
      }
    },
    {
      "name": "slashRecordClosed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
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
            "name": "payer",
            "docs": [
              "Got the record's rent back."
            ],
            "type": "pubkey"
          }
        ]
      }
    },
    {
      "name": "slashed",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
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
            "type": "u16"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "fromProvider",
            "type": "u64"
          },
          {
            "name": "fromPool",
            "type": "u64"
          },
          {
            "name": "fromUnbonding",
            "type": "u64"
          },
          {
            "name": "toRenter",
            "type": "u64"
          },
          {
            "name": "authority",
            "type": "pubkey"
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
      "name": "specTierCreated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tierId",
            "type": "u16"
          },
          {
            "name": "name",
            "type": {
              "array": [
                "u8",
                24
              ]
            }
          },
          {
            "name": "maxNodeStake",
            "type": "u64"
          },
          {
            "name": "minProviderStake",
            "type": "u64"
          },
          {
            "name": "maxDelegatedBps",
            "type": "u16"
          }
        ]
      }
    },
    {
      "name": "specTierUpdated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "tierId",
            "type": "u16"
          },
          {
            "name": "oldMaxNodeStake",
            "type": "u64"
          },
          {
            "name": "newMaxNodeStake",
            "type": "u64"
          },
          {
            "name": "oldMinProviderStake",
            "type": "u64"
          },
          {
            "name": "newMinProviderStake",
            "type": "u64"
          },
          {
            "name": "oldMaxDelegatedBps",
            "type": "u16"
          },
          {
            "name": "newMaxDelegatedBps",
            "type": "u16"
          },
          {
            "name": "oldActive",
            "type": "bool"
          },
          {
            "name": "newActive",
            "type": "bool"
          }
        ]
      }
    },
    {
      "name": "staked",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "providerStake",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "undelegated",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          },
          {
            "name": "shares",
            "type": "u64"
          },
          {
            "name": "amount",
            "docs": [
              "Tokens the shares were worth, now unbonding."
            ],
            "type": "u64"
          },
          {
            "name": "readyAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "undelegationWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "delegator",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "unstakeRequested",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "providerUnbonding",
            "type": "u64"
          },
          {
            "name": "readyAt",
            "type": "i64"
          }
        ]
      }
    },
    {
      "name": "unstakeWithdrawn",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "node",
            "type": "pubkey"
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ]
      }
    },
    {
      "name": "updateConfigArgs",
      "docs": [
        "Each `Some` field replaces the current value; every change emits its old and new value."
      ],
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "minProviderStake",
            "docs": [
              "Base units."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "minDelegation",
            "docs": [
              "Base units."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "maxSlashPerEpoch",
            "docs": [
              "Base units per protocol epoch."
            ],
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "unbondingSeconds",
            "docs": [
              "Seconds (1 ..= 365 days)."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "epochSeconds",
            "docs": [
              "Seconds (≥ 1)."
            ],
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "minUptimeBps",
            "docs": [
              "Basis points (≤ 10 000)."
            ],
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "maxLowEpochs",
            "docs": [
              "≥ 1."
            ],
            "type": {
              "option": "u8"
            }
          },
          {
            "name": "slashAuthority",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "rewardAuthority",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "rentalAuthority",
            "type": {
              "option": "pubkey"
            }
          }
        ]
      }
    },
    {
      "name": "updatePricingArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "priceMicroUsdPerHour",
            "docs": [
              "Micro-USD per hour (> 0)."
            ],
            "type": "u64"
          },
          {
            "name": "qosAddons",
            "type": {
              "vec": {
                "defined": {
                  "name": "qosAddon"
                }
              }
            }
          }
        ]
      }
    },
    {
      "name": "updateSpecTierArgs",
      "type": {
        "kind": "struct",
        "fields": [
          {
            "name": "maxNodeStake",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "minProviderStake",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "maxDelegatedBps",
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "active",
            "docs": [
              "false stops new registrations in this tier."
            ],
            "type": {
              "option": "bool"
            }
          }
        ]
      }
    }
  ],
  "constants": [
    {
      "name": "configSeed",
      "docs": [
        "Seed of the protocol config PDA: `[CONFIG_SEED]`."
      ],
      "type": "bytes",
      "value": "[99, 111, 110, 102, 105, 103]"
    },
    {
      "name": "defaultEpochSeconds",
      "docs": [
        "Default length of a protocol epoch (reward and slash accounting): 1 day, in seconds."
      ],
      "type": "u32",
      "value": "86400"
    },
    {
      "name": "defaultMaxLowEpochs",
      "docs": [
        "Default number of consecutive low-uptime epochs that jails a node."
      ],
      "type": "u8",
      "value": "3"
    },
    {
      "name": "defaultMaxSlashPerEpochTokens",
      "docs": [
        "Default per-epoch slash circuit breaker, in whole tokens."
      ],
      "type": "u64",
      "value": "1000000"
    },
    {
      "name": "defaultMinDelegationTokens",
      "docs": [
        "Default smallest delegation, in whole tokens."
      ],
      "type": "u64",
      "value": "1"
    },
    {
      "name": "defaultMinProviderStakeTokens",
      "docs": [
        "Minimum provider stake in whole tokens (the seed article's \"at least 100",
        "tokens\"); stored on-chain in base units, 100 × 10^decimals."
      ],
      "type": "u64",
      "value": "100"
    },
    {
      "name": "defaultMinUptimeBps",
      "docs": [
        "Default minimum attested uptime that earns rewards: 90 %, in basis points."
      ],
      "type": "u16",
      "value": "9000"
    },
    {
      "name": "defaultUnbondingSeconds",
      "docs": [
        "Default unbonding period: 14 days, in seconds."
      ],
      "type": "u32",
      "value": "1209600"
    },
    {
      "name": "delegationSeed",
      "docs": [
        "Seed of a delegation PDA: `[DELEGATION_SEED, node, delegator]`."
      ],
      "type": "bytes",
      "value": "[100, 101, 108, 101, 103, 97, 116, 105, 111, 110]"
    },
    {
      "name": "maxQosAddons",
      "docs": [
        "Most QoS add-ons one node can offer."
      ],
      "type": "u8",
      "value": "4"
    },
    {
      "name": "nodeSeed",
      "docs": [
        "Seed of a node PDA: `[NODE_SEED, operator, node_id (u64 LE)]`."
      ],
      "type": "bytes",
      "value": "[110, 111, 100, 101]"
    },
    {
      "name": "slashRecordRetentionSeconds",
      "docs": [
        "Seconds a slash record must be kept (replay protection) before anyone may",
        "close it and return its rent to the payer: 90 days."
      ],
      "type": "i64",
      "value": "7776000"
    },
    {
      "name": "slashSeed",
      "docs": [
        "Seed of a slash record PDA: `[SLASH_SEED, node, evidence_hash]`."
      ],
      "type": "bytes",
      "value": "[115, 108, 97, 115, 104]"
    },
    {
      "name": "specTierSeed",
      "docs": [
        "Seed of a spec tier PDA: `[SPEC_TIER_SEED, tier_id (u16 LE)]`."
      ],
      "type": "bytes",
      "value": "[115, 112, 101, 99, 95, 116, 105, 101, 114]"
    },
    {
      "name": "vaultSeed",
      "docs": [
        "Seed of a node's token vault: `[VAULT_SEED, node]`; its authority is the node PDA."
      ],
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    }
  ]
};
