import EVMCore

/// A storage slot of an account: the key of warm sets and original values.
public struct SlotKey: Hashable, Sendable {
    public var address: Address
    public var key: U256
    public init(_ address: Address, _ key: U256) {
        self.address = address
        self.key = key
    }

    /// One mixed word: every SLOAD and SSTORE looks a slot up in the warm set.
    @inline(__always)
    var foldedHash: UInt64 { key.foldedHash ^ (address.foldedHash &* 0xFF51_AFD7_ED55_8CCD) }

    public func hash(into hasher: inout Hasher) { hasher.combine(foldedHash) }

    /// See `U256._rawHashValue(seed:)`.
    public func _rawHashValue(seed: Int) -> Int { FastHash.finish(foldedHash, seed: seed) }
}

/// A log entry.
public struct Log: Sendable, Equatable {
    public var address: Address
    public var topics: [U256]
    public var data: [UInt8]
    public init(address: Address, topics: [U256], data: [UInt8]) {
        self.address = address
        self.topics = topics
        self.data = data
    }
}

/// The world: accounts, with everything a transaction changes recorded in a journal so that
/// a failed frame undoes exactly its own changes (balances, nonces, code, storage, transient
/// storage, created accounts, logs, warm sets, self-destructs, touches).
///
/// Per transaction it also keeps the original value of each storage slot (EIP-2200 pricing),
/// the warm sets (EIP-2929), transient storage (EIP-1153), the accounts created (EIP-6780) and
/// the logs.
public final class WorldState: Host {
    // The hot tables are not checked for exclusive access at run time (swift_beginAccess on
    // every SLOAD showed in profiles): a WorldState belongs to one transaction on one thread.
    @exclusivity(unchecked) public private(set) var accounts: [Address: Account]
    public var context = ExecutionContext()
    /// When set, every account and slot that may have changed is recorded here (a superset:
    /// reverted changes stay recorded), so a block builder updates its state root from them
    /// (`StateTrie`) instead of rehashing the whole state. Nil for state tests and benchmarks:
    /// one untaken branch per change.
    public var changes: StateChanges?
    public var schedule: GasSchedule
    /// Hashes of recent blocks, by number (BLOCKHASH).
    public var blockHashes: [U256: U256] = [:]

    // Per-transaction state.
    @exclusivity(unchecked) var journal: [JournalEntry] = []
    @exclusivity(unchecked) var originalStorage: [SlotKey: U256] = [:]
    @exclusivity(unchecked) var warmAccounts: Set<Address> = []
    @exclusivity(unchecked) var warmSlots: Set<SlotKey> = []
    @exclusivity(unchecked) var transientStorage: [SlotKey: U256] = [:]
    public private(set) var logs: [Log] = []
    public private(set) var createdAccounts: Set<Address> = []
    public private(set) var destructedAccounts: Set<Address> = []
    var touchedAccounts: Set<Address> = []

    public init(accounts: [Address: Account] = [:], fork: Fork = .latest) {
        self.accounts = accounts
        self.schedule = fork.schedule
    }

    // MARK: Reading

    public func account(_ address: Address) -> Account? { accounts[address] }

    public func exists(_ address: Address) -> Bool { accounts[address] != nil }

    public func storage(_ address: Address, _ key: U256) -> U256 {
        // SLOAD runs this on every call. Reading through `values[i]` in place (an inout
        // access) borrows the account; a plain read copies it, which retains and releases
        // its code and storage (6% of snailtracer's time in perf). The in-place access
        // makes the tables unique first, as the next SSTORE would.
        guard let i = accounts.index(forKey: address) else { return .zero }
        return WorldState.lookUp(key, in: &accounts.values[i].storage)
    }

    @inline(__always)
    private static func lookUp(_ key: U256, in storage: inout [U256: U256]) -> U256 { storage[key] ?? .zero }

    public func nonce(_ address: Address) -> UInt64 { accounts[address]?.nonce ?? 0 }

    /// The code object of an account (empty for none).
    public func codeObject(_ address: Address) -> Code { accounts[address]?.code ?? .empty }

    // MARK: Transactions and checkpoints

    /// Starts a transaction: clears the per-transaction sets.
    public func beginTransaction() {
        journal.removeAll(keepingCapacity: true)
        originalStorage.removeAll(keepingCapacity: true)
        warmAccounts.removeAll(keepingCapacity: true)
        warmSlots.removeAll(keepingCapacity: true)
        transientStorage.removeAll(keepingCapacity: true)
        logs.removeAll(keepingCapacity: true)
        createdAccounts.removeAll(keepingCapacity: true)
        destructedAccounts.removeAll(keepingCapacity: true)
        touchedAccounts.removeAll(keepingCapacity: true)
    }

    /// A point to revert to.
    public var checkpoint: Int { journal.count }

    /// Undoes everything recorded since `checkpoint`.
    public func revert(to checkpoint: Int) {
        while journal.count > checkpoint {
            undo(journal.removeLast())
        }
    }

    /// Ends a transaction: self-destructed accounts are deleted, and before Paris the empty
    /// accounts it touched (EIP-161; EIP-7523 dropped this once no empty account could exist).
    public func endTransaction() {
        for address in destructedAccounts {
            accounts[address] = nil
            changes?.wiped.insert(address)
        }
        if schedule.deletesTouchedEmptyAccounts {
            for address in touchedAccounts where accounts[address]?.isEmpty == true {
                accounts[address] = nil
                changes?.wiped.insert(address)
            }
        }
        journal.removeAll(keepingCapacity: true)
    }

    // MARK: Changing (all journaled)

    /// Sets a whole account outside a transaction (pre-state, genesis).
    public func setAccount(_ address: Address, _ account: Account?) {
        accounts[address] = account
        changes?.wiped.insert(address)
    }

    /// Changes an account's nonce, balance or code. From Paris an account left empty by a
    /// change is deleted (the specs' `modify_state`, EIP-7523); before, empty accounts live
    /// until a touch deletes them at the end of the transaction.
    func modify(_ address: Address, _ change: (inout Account) -> Void) {
        if let changes { changes.accounts.insert(address) }
        if let old = accounts[address] {
            journal.append(.account(address, old: AccountHeader(old), storage: nil))
            change(&accounts[address]!)
        } else {
            journal.append(.account(address, old: nil, storage: nil))
            var fresh = Account()
            change(&fresh)
            accounts[address] = fresh
        }
        if !schedule.deletesTouchedEmptyAccounts, let a = accounts[address], a.isEmpty {
            journal.append(.account(address, old: AccountHeader(a), storage: a.storage))
            accounts[address] = nil
            changes?.wiped.insert(address)
        }
    }

    /// Deletes an account with its storage (journaled).
    public func destroyAccount(_ address: Address) {
        guard let a = accounts[address] else { return }
        journal.append(.account(address, old: AccountHeader(a), storage: a.storage))
        accounts[address] = nil
        changes?.wiped.insert(address)
    }

    public func setBalance(_ address: Address, _ balance: U256) { modify(address) { $0.balance = balance } }

    public func addBalance(_ address: Address, _ amount: U256) {
        modify(address) { $0.balance = $0.balance &+ amount }
    }

    public func subtractBalance(_ address: Address, _ amount: U256) {
        modify(address) { $0.balance = $0.balance &- amount }
    }

    /// Moves value between accounts (the caller's balance was checked).
    public func transfer(from: Address, to: Address, value: U256) {
        subtractBalance(from, value)
        addBalance(to, value)
    }

    public func incrementNonce(_ address: Address) { modify(address) { $0.nonce &+= 1 } }

    public func setCode(_ address: Address, _ code: Code) { modify(address) { $0.code = code } }

    public func setStorage(_ address: Address, _ key: U256, _ value: U256) {
        let old = storage(address, key)
        journal.append(.storage(SlotKey(address, key), old: old))
        if let changes { changes.slots[address, default: []].insert(key) }
        if accounts[address] == nil {
            journal.append(.account(address, old: nil, storage: nil))
            accounts[address] = Account()
        }
        if value.isZero {
            accounts[address]!.storage[key] = nil
        } else {
            accounts[address]!.storage[key] = value
        }
    }

    /// Wipes an account's storage (a create at an address that had storage).
    public func clearStorage(_ address: Address) {
        guard let old = accounts[address]?.storage, !old.isEmpty else { return }
        journal.append(.storageCleared(address, old: old))
        changes?.wiped.insert(address)
        accounts[address]!.storage = [:]
    }

    public func markCreated(_ address: Address) {
        if createdAccounts.insert(address).inserted { journal.append(.created(address)) }
    }

    public func touch(_ address: Address) {
        if touchedAccounts.insert(address).inserted { journal.append(.touched(address)) }
    }

    public func warm(_ address: Address) {
        if warmAccounts.insert(address).inserted { journal.append(.warmAccount(address)) }
    }

    public func warm(_ address: Address, slot key: U256) {
        let slot = SlotKey(address, key)
        if warmSlots.insert(slot).inserted { journal.append(.warmSlot(slot)) }
    }

    /// The value of a slot at the start of the transaction (zero for an account created in it).
    public func originalValue(_ address: Address, _ key: U256) -> U256 {
        if createdAccounts.contains(address) { return .zero }
        let slot = SlotKey(address, key)
        if let v = originalStorage[slot] { return v }
        let v = storage(address, key)
        originalStorage[slot] = v
        return v
    }

    func undo(_ entry: JournalEntry) {
        switch entry {
        case .account(let address, let old, let savedStorage):
            if let old {
                let storage = savedStorage ?? accounts[address]?.storage ?? [:]
                accounts[address] = Account(nonce: old.nonce, balance: old.balance, code: old.code, storage: storage)
            } else {
                accounts[address] = nil
            }
        case .storage(let slot, let old):
            if accounts[slot.address] != nil {
                accounts[slot.address]!.storage[slot.key] = old.isZero ? nil : old
            }
        case .storageCleared(let address, let old):
            if accounts[address] != nil { accounts[address]!.storage = old }
        case .transient(let slot, let old):
            transientStorage[slot] = old.isZero ? nil : old
        case .warmAccount(let address):
            warmAccounts.remove(address)
        case .warmSlot(let slot):
            warmSlots.remove(slot)
        case .log:
            logs.removeLast()
        case .created(let address):
            createdAccounts.remove(address)
        case .destructed(let address):
            destructedAccounts.remove(address)
        case .touched(let address):
            // The RIPEMD-160 precompile keeps its touch through a revert: mainnet block
            // 2,675,119 cleared it that way, and the rule preserves that history.
            if address != Address(3) { touchedAccounts.remove(address) }
        }
    }

    // MARK: Host

    public func accessAccount(_ address: Address) -> Access {
        guard warmAccounts.insert(address).inserted else { return .warm }
        journal.append(.warmAccount(address))
        return .cold
    }

    public func isAlive(_ address: Address) -> Bool {
        guard let a = accounts[address] else { return false }
        return !a.isEmpty
    }

    public func balance(_ address: Address) -> U256 { accounts[address]?.balance ?? .zero }

    public func code(_ address: Address) -> AnalyzedCode { accounts[address]?.code.analyzed ?? AnalyzedCode.empty }

    public func codeHash(_ address: Address) -> U256 {
        guard let a = accounts[address], !a.isEmpty else { return .zero }
        return a.code.hash
    }

    public func delegationTarget(_ address: Address) -> Address? { accounts[address]?.code.delegationTarget }

    /// Marks a slot accessed (journaled); returns whether it was cold before.
    func accessSlot(_ address: Address, _ key: U256) -> Access {
        let slot = SlotKey(address, key)
        guard warmSlots.insert(slot).inserted else { return .warm }
        journal.append(.warmSlot(slot))
        return .cold
    }

    public func sload(_ address: Address, _ key: U256) -> (value: U256, access: Access) {
        let access = accessSlot(address, key)
        return (storage(address, key), access)
    }

    public func sstore(_ address: Address, _ key: U256, _ value: U256) -> (status: StorageStatus, access: Access) {
        let access = accessSlot(address, key)
        let original = originalValue(address, key)
        let current = storage(address, key)
        let status = StorageStatus.of(original: original, current: current, new: value)
        if current != value { setStorage(address, key, value) }
        return (status, access)
    }

    public func tload(_ address: Address, _ key: U256) -> U256 {
        transientStorage[SlotKey(address, key)] ?? .zero
    }

    public func tstore(_ address: Address, _ key: U256, _ value: U256) {
        let slot = SlotKey(address, key)
        journal.append(.transient(slot, old: transientStorage[slot] ?? .zero))
        transientStorage[slot] = value.isZero ? nil : value
    }

    public func emitLog(address: Address, topics: [U256], data: [UInt8]) {
        logs.append(Log(address: address, topics: topics, data: data))
        journal.append(.log)
    }

    public func selfDestruct(_ address: Address, beneficiary: Address) -> Bool {
        let balance = self.balance(address)
        // The balance moves first; if the beneficiary is the account itself, the balance
        // is then burned only where the account is deleted.
        subtractBalance(address, balance)
        addBalance(beneficiary, balance)
        if schedule.deletesTouchedEmptyAccounts { touch(beneficiary) }
        if schedule.selfdestructOnlyInCreatingTransaction && !createdAccounts.contains(address) {
            return false
        }
        if accounts[address] != nil { setBalance(address, .zero) }
        let first = !destructedAccounts.contains(address)
        if first {
            destructedAccounts.insert(address)
            journal.append(.destructed(address))
        }
        return first
    }

    public func blockHash(_ number: U256) -> U256 {
        let current = context.number
        guard number < current, (current &- number) <= U256(256) else { return .zero }
        return blockHashes[number] ?? .zero
    }
}

/// The part of an account a journal entry restores (storage is journaled per slot).
struct AccountHeader {
    var nonce: UInt64
    var balance: U256
    var code: Code
    init(_ a: Account) {
        nonce = a.nonce
        balance = a.balance
        code = a.code
    }
}

/// One undoable change.
enum JournalEntry {
    /// An account's nonce, balance or code changed (nil: it did not exist); `storage` is set
    /// when the change deleted the account with its storage.
    case account(Address, old: AccountHeader?, storage: [U256: U256]?)
    case storage(SlotKey, old: U256)
    case storageCleared(Address, old: [U256: U256])
    case transient(SlotKey, old: U256)
    case warmAccount(Address)
    case warmSlot(SlotKey)
    case log
    case created(Address)
    case destructed(Address)
    case touched(Address)
}

/// What a `WorldState` changed since this record began: accounts whose nonce, balance or code
/// may differ, slots that may differ, and accounts deleted, replaced or whose storage was
/// wiped (their storage trie is rebuilt).
public final class StateChanges {
    public var accounts: Set<Address> = []
    public var slots: [Address: Set<U256>] = [:]
    public var wiped: Set<Address> = []
    public init() {}
}
