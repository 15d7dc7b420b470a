# <host>/<family>/<table>/<set>/<element>,<element>...: the elements this resource owns, as `nft -s list set`
# prints them (prefixes normalised, no `expires`). The set must exist; its table must be managed by nftkeeper.
terraform import nftables_set_elements.team_db 10.0.0.5/inet/filter/admins/10.30.0.0/16
