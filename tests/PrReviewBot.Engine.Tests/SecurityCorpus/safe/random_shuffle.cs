using System;
using System.Collections.Generic;
public class Deck
{
    private readonly Random _random = new Random();
    public void Shuffle(List<int> cards)
    {
        for (var i = cards.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (cards[i], cards[j]) = (cards[j], cards[i]);
        }
    }
}
