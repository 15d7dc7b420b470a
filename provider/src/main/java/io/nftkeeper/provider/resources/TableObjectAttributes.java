package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.provider.NftValidators;

/** The attributes every object of a table has alike: {@code table_id}, {@code name} and {@code id}. */
final class TableObjectAttributes {

    private TableObjectAttributes() {}

    /** {@code table_id} of a {@code kind} ("set"), with {@code nftables_table.<exampleLabel>.id} as its example. */
    static Attribute tableId(String kind, String exampleLabel) {
        return Attribute.string("table_id")
                .required()
                .validators(NftValidators.tableId())
                .planModifiers(PlanModifiers.requiresReplace())
                .description("The `id` of the `nftables_table` this " + kind + " belongs to "
                        + "(`<host>/<family>/<table>`), e.g. `nftables_table." + exampleLabel + ".id`. Changing it "
                        + "replaces the " + kind + ".");
    }

    /** {@code name}, an nft identifier ({@code identifierKind} names it in errors); a new name replaces the object. */
    static Attribute name(String identifierKind, String description) {
        return Attribute.string("name")
                .required()
                .validators(NftValidators.identifier(identifierKind))
                .planModifiers(PlanModifiers.requiresReplace())
                .description(description);
    }

    /** {@code id}: {@code <host>/<family>/<table>/<lastPart>}, known at plan and kept. */
    static Attribute id(String lastPart) {
        return Attribute.string("id")
                .computed()
                .planModifiers(PlanModifiers.useStateForUnknown())
                .description("`<host>/<family>/<table>/<" + lastPart + ">`; also the import ID.");
    }
}
