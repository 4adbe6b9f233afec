"""Google Cloud as a target: catalog (machine types, prices, rates), naming rules, mapping."""
