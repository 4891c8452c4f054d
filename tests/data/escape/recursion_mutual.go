package main

type T struct{ n int }

func even(t *T, k int) *T {
	if k == 0 {
		return t
	}
	return odd(t, k-1)
}

func odd(t *T, k int) *T {
	if k == 0 {
		return nil
	}
	return even(t, k-1)
}

func main() {
	t := &T{n: 1}
	println(even(t, 4) == t)
}
