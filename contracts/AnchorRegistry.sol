// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title Safety Ledger anchor registry
/// @notice Records Merkle-tree checkpoint roots of the Safety Ledger. Each root can be anchored
///         once; the block timestamp and the tree size are kept for it and announced in `Anchored`.
/// @dev The owner is the account that deploys the contract (msg.sender) and cannot change: the
///      anchoring key is the deploying key. `owner` is immutable (in the code, not in storage), so
///      an anchor costs one cold SSTORE of a single packed slot and no SLOAD for the owner check.
contract AnchorRegistry {
    /// @dev One storage slot per root: treeSize in the low 64 bits, the timestamp above it.
    struct Entry {
        uint64 treeSize;
        uint64 timestamp;
    }

    /// @notice The only account allowed to anchor.
    address public immutable owner;

    mapping(bytes32 root => Entry entry) private entries;

    /// @notice A root was anchored at block time `timestamp` for a tree of `treeSize` leaves.
    event Anchored(bytes32 indexed root, uint64 treeSize, uint256 timestamp);

    /// @notice `caller` is not the owner.
    error NotOwner(address caller);

    /// @notice `root` was anchored before, for `treeSize` leaves at `timestamp`.
    error AlreadyAnchored(bytes32 root, uint64 treeSize, uint256 timestamp);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Anchors `root` (the Merkle root of a tree of `treeSize` leaves) at the current block time.
    function anchor(bytes32 root, uint64 treeSize) external {
        if (msg.sender != owner) {
            revert NotOwner(msg.sender);
        }
        Entry memory existing = entries[root];
        if (existing.timestamp != 0) {
            revert AlreadyAnchored(root, existing.treeSize, existing.timestamp);
        }
        entries[root] = Entry({treeSize: treeSize, timestamp: uint64(block.timestamp)});
        emit Anchored(root, treeSize, block.timestamp);
    }

    /// @notice Looks `root` up: (0, 0) when it was never anchored.
    function anchoredAt(bytes32 root) external view returns (uint64 treeSize, uint256 timestamp) {
        Entry memory entry = entries[root];
        return (entry.treeSize, entry.timestamp);
    }
}
