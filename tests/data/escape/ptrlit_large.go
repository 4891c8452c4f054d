package main

type Big struct{ data [70000]byte }

type Small struct{ data [60000]byte }

func main() {
	b := &Big{}
	s := &Small{}
	println(len(b.data) + len(s.data))
}
