import EVMChain
import EVMCore
import EVMState

/// Blocks, transactions, receipts and logs in the shapes geth's eth API returns them.
extension DevNode {
    func transactionJSON(_ m: MinedTransaction) -> JSON {
        transactionJSON(m.transaction, hash: m.hash, signature: m.signature,
                        location: (m.blockHash, m.blockNumber, m.index), effectivePrice: m.gasPrice)
    }

    func transactionJSON(_ tx: Transaction, hash: U256, signature: TransactionSignature,
                         location: (hash: U256, number: U256, index: Int)?, effectivePrice: U256?) -> JSON {
        var p: [(String, JSON)] = [
            ("type", .quantity(tx.type)),
            ("chainId", .quantity(tx.chainId)),
            ("nonce", .quantity(tx.nonce)),
            ("gas", .quantity(tx.gasLimit)),
        ]
        if tx.usesFeeCaps {
            p.append(("maxFeePerGas", .quantity(tx.maxFeePerGas)))
            p.append(("maxPriorityFeePerGas", .quantity(tx.maxPriorityFeePerGas)))
            p.append(("gasPrice", .quantity(effectivePrice ?? tx.maxFeePerGas)))
        } else {
            p.append(("gasPrice", .quantity(tx.gasPrice)))
        }
        p += [("hash", .word(hash)), ("input", .data(tx.data)), ("to", tx.to.map { .address($0) } ?? .null),
              ("value", .quantity(tx.value)), ("from", .address(tx.sender))]
        if tx.type >= 1 {
            p.append(("accessList", .array(tx.accessList.map { e in
                .object([("address", .address(e.address)), ("storageKeys", .array(e.storageKeys.map { .word($0) }))])
            })))
        }
        if tx.type == 3 {
            p.append(("maxFeePerBlobGas", .quantity(tx.maxFeePerBlobGas)))
            p.append(("blobVersionedHashes", .array(tx.blobVersionedHashes.map { .word($0) })))
        }
        if tx.type == 4 {
            p.append(("authorizationList", .array(tx.authorizations.map { a in
                .object([("chainId", .quantity(a.chainId)), ("address", .address(a.address)), ("nonce", .quantity(a.nonce)),
                         ("yParity", .quantity(a.yParity)), ("r", .quantity(a.r)), ("s", .quantity(a.s))])
            })))
        }
        p.append(("v", .quantity(signature.v)))
        p.append(("r", .quantity(signature.r)))
        p.append(("s", .quantity(signature.s)))
        if tx.type >= 1 { p.append(("yParity", .quantity(signature.v))) }
        p.append(("blockHash", location.map { .word($0.hash) } ?? .null))
        p.append(("blockNumber", location.map { .quantity($0.number) } ?? .null))
        p.append(("transactionIndex", location.map { .quantity($0.index) } ?? .null))
        return .object(p)
    }

    func logJSON(_ log: Log, index: Int, _ m: MinedTransaction) -> JSON {
        .object([("address", .address(log.address)), ("topics", .array(log.topics.map { .word($0) })),
                 ("data", .data(log.data)), ("blockNumber", .quantity(m.blockNumber)), ("blockHash", .word(m.blockHash)),
                 ("blockTimestamp", .quantity(m.timestamp)), ("transactionHash", .word(m.hash)),
                 ("transactionIndex", .quantity(m.index)), ("logIndex", .quantity(index)), ("removed", .bool(false))])
    }

    func receiptJSON(_ m: MinedTransaction) -> JSON {
        let tx = m.transaction
        let logs = m.receipt.logs.enumerated().map { logJSON($0.element, index: m.firstLogIndex + $0.offset, m) }
        var p: [(String, JSON)] = [
            ("type", .quantity(tx.type)), ("status", .quantity(m.receipt.succeeded ? 1 : 0)),
            ("cumulativeGasUsed", .quantity(m.cumulativeGasUsed)), ("logs", .array(logs)),
            ("logsBloom", .data(LogsBloom.of(m.receipt.logs))), ("transactionHash", .word(m.hash)),
            ("transactionIndex", .quantity(m.index)), ("blockHash", .word(m.blockHash)),
            ("blockNumber", .quantity(m.blockNumber)), ("gasUsed", .quantity(m.receipt.gasUsed)),
            ("effectiveGasPrice", .quantity(m.gasPrice)), ("from", .address(tx.sender)),
            ("to", tx.to.map { .address($0) } ?? .null),
            ("contractAddress", m.receipt.createdAddress.map { .address($0) } ?? .null),
        ]
        if tx.type == 3 {
            p.append(("blobGasUsed", .quantity(m.receipt.blobGasUsed)))
            p.append(("blobGasPrice", .quantity(m.blobGasPrice)))
        }
        return .object(p)
    }

    func blockJSON(_ entry: Chain.Entry, full: Bool) -> JSON {
        let h = entry.block.header
        let hashes = blockTransactions[entry.hash] ?? []
        let txs: [JSON] = hashes.map { hash in
            if full, let m = mined[hash] { return transactionJSON(m) }
            return .word(hash)
        }
        var p: [(String, JSON)] = [
            ("hash", .word(entry.hash)), ("parentHash", .word(h.parentHash)), ("sha3Uncles", .word(h.ommersHash)),
            ("miner", .address(h.coinbase)), ("stateRoot", .word(h.stateRoot)),
            ("transactionsRoot", .word(h.transactionsRoot)), ("receiptsRoot", .word(h.receiptsRoot)),
            ("logsBloom", .data(h.logsBloom)), ("difficulty", .quantity(h.difficulty)), ("number", .quantity(h.number)),
            ("gasLimit", .quantity(h.gasLimit)), ("gasUsed", .quantity(h.gasUsed)), ("timestamp", .quantity(h.timestamp)),
            ("extraData", .data(h.extraData)), ("mixHash", .word(h.mixHash)), ("nonce", .data(h.nonce)),
            ("totalDifficulty", .quantity(entry.totalDifficulty)),
        ]
        if let v = h.baseFeePerGas { p.append(("baseFeePerGas", .quantity(v))) }
        if let v = h.withdrawalsRoot { p.append(("withdrawalsRoot", .word(v))) }
        if let v = h.blobGasUsed { p.append(("blobGasUsed", .quantity(v))) }
        if let v = h.excessBlobGas { p.append(("excessBlobGas", .quantity(v))) }
        if let v = h.parentBeaconBlockRoot { p.append(("parentBeaconBlockRoot", .word(v))) }
        if let v = h.requestsHash { p.append(("requestsHash", .word(v))) }
        p.append(("size", .quantity(entry.block.rlp.count)))
        p.append(("uncles", .array([])))
        p.append(("transactions", .array(txs)))
        if let w = entry.block.withdrawals {
            p.append(("withdrawals", .array(w.map {
                .object([("index", .quantity($0.index)), ("validatorIndex", .quantity($0.validatorIndex)),
                         ("address", .address($0.address)), ("amount", .quantity($0.amount))])
            })))
        }
        return .object(p)
    }
}
