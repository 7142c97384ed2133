"""The intake service's RPC entrypoints, one mixin per area; service.py puts them together."""
