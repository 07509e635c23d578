package dev.truthordare.content.play;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One truth or dare as a player receives it: the original v1 shape of a truth or a dare,
 * or the full v2 item.
 */
@Schema(oneOf = { ItemViews.V1Truth.class, ItemViews.V1Dare.class, ItemViews.V2Item.class })
public sealed interface ItemView permits ItemViews.V1Truth, ItemViews.V1Dare, ItemViews.V2Item {

}
