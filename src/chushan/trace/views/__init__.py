"""Pages of the trace app: public (scan to trace, anchors) and the seller console."""
